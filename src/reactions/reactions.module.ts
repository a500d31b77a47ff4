import { Module } from '@nestjs/common';
import { CommentsModule } from '../comments/comments.module';
import { UsersModule } from '../users/users.module';
import { ReactionsController } from './reactions.controller';
import { ReactionsRepository } from './reactions.repository';
import { ReactionsService } from './reactions.service';

@Module({
  imports: [CommentsModule, UsersModule],
  controllers: [ReactionsController],
  providers: [ReactionsRepository, ReactionsService],
  exports: [ReactionsService],
})
export class ReactionsModule {}
