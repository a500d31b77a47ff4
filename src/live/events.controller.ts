import { Controller, Get, Headers, Param, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ArticleParams } from '../articles/dto';
import { Public } from '../common/public.decorator';
import { LiveEvents } from './live-events';
import { streamEvents } from './sse';

@ApiTags('comments')
@Public()
@Controller('articles/:articleId/events')
export class EventsController {
  constructor(private readonly events: LiveEvents) {}

  @Get()
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Resume after this event id: every later event is sent first' })
  @ApiOkResponse({
    description: 'Frames `id`, `event` (comment.created, comment.updated, comment.deleted) and `data` (the Comment as an anonymous reader sees it); `: ping` every 15 s',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiErrors('VALIDATION_FAILED')
  @ApiOperation({ summary: 'Live comment.created / comment.updated / comment.deleted frames; Last-Event-ID replays what was missed' })
  async stream(
    @Param() params: ArticleParams,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await streamEvents(req, reply, this.events.articleFeed(params.articleId), lastEventId);
  }
}
