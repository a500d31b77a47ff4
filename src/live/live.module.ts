import { Module } from '@nestjs/common';
import { CommentEventsRepository } from './comment-events.repository';
import { EventsController } from './events.controller';
import { LiveEvents } from './live-events';

@Module({
  controllers: [EventsController],
  providers: [CommentEventsRepository, LiveEvents],
  exports: [LiveEvents],
})
export class LiveModule {}
