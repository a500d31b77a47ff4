import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { LiveModule } from '../live/live.module';
import { UsersModule } from '../users/users.module';
import { CommentLifecycle } from './comment-lifecycle';
import { CommentsController } from './comments.controller';
import { CommentsRepository } from './comments.repository';
import { CommentsService } from './comments.service';
import { ListVersionsRepository } from './list-versions.repository';

@Module({
  imports: [ArticlesModule, LiveModule, UsersModule],
  controllers: [CommentsController],
  providers: [CommentsRepository, CommentLifecycle, CommentsService, ListVersionsRepository],
  exports: [CommentsRepository, CommentLifecycle, CommentsService, ListVersionsRepository],
})
export class CommentsModule {}
