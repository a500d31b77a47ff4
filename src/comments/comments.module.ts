import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { UsersModule } from '../users/users.module';
import { AccountDataService } from './account-data.service';
import { CommentEvents } from './comment-events';
import { CommentQueries } from './comment-queries';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';
import { EventsController } from './events.controller';
import { MeController } from './me.controller';
import { ReactionsService } from './reactions.service';
import { ReportsService } from './reports.service';

@Module({
  imports: [UsersModule, AuthModule],
  controllers: [CommentsController, MeController, EventsController],
  providers: [CommentsService, CommentQueries, CommentEvents, ReactionsService, ReportsService, AccountDataService],
})
export class CommentsModule {}
