import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { ModerationRecordsModule } from '../moderation/records.module';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({ imports: [LiveModule, ModerationRecordsModule], providers: [UsersRepository, UsersService], exports: [UsersRepository, UsersService] })
export class UsersModule {}
