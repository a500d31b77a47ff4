import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({ imports: [LiveModule], providers: [UsersRepository, UsersService], exports: [UsersRepository, UsersService] })
export class UsersModule {}
