import { Module } from '@nestjs/common';
import { CommentEventsRepository } from './comment-events.repository';
import { EventsController } from './events.controller';
import { LiveEvents } from './live-events';
import { ModerationEventsRepository } from './moderation-events.repository';

@Module({
  controllers: [EventsController],
  providers: [CommentEventsRepository, ModerationEventsRepository, LiveEvents],
  exports: [LiveEvents],
})
export class LiveModule {}
