import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { LiveModule } from '../live/live.module';
import { UsersModule } from '../users/users.module';
import { CommentLifecycle } from './comment-lifecycle';
import { CommentsController } from './comments.controller';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';

@Module({
  imports: [ArticlesModule, LiveModule, UsersModule],
  controllers: [CommentsController],
  providers: [CommentsRepository, CommentLifecycle, CommentsService],
  exports: [CommentsRepository, CommentLifecycle, CommentsService],
})
export class CommentsModule {}
