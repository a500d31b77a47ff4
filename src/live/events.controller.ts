import { Controller, Get, Headers, Param, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ArticleParams } from '../articles/dto';
import { AppError } from '../common/errors';
import { Public } from '../common/public.decorator';
import { EVENT_BATCH, LiveEvents } from './live-events';

const PING_MS = 15_000;
/** Event ids are Postgres bigints. */
const MAX_EVENT_ID = 9223372036854775807n;

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
    if (lastEventId !== undefined && (!/^\d{1,19}$/.test(lastEventId) || BigInt(lastEventId) > MAX_EVENT_ID)) {
      throw AppError.validation('Last-Event-ID must be an event id from this stream.');
    }
    const articleId = params.articleId;
    let cursor = lastEventId ?? (await this.events.latestId(articleId));
    reply.hijack();
    const raw = reply.raw;
    // Headers set by hooks (request id, CORS) go out with the stream too.
    raw.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n\n');

    let sending = false;
    let again = false;
    let closed = false;
    const flush = async () => {
      if (sending) {
        again = true;
        return;
      }
      sending = true;
      try {
        do {
          again = false;
          const batch = await this.events.since(articleId, cursor);
          for (const e of batch) {
            if (closed) return;
            raw.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e.payload)}\n\n`);
            cursor = e.id;
          }
          if (batch.length === EVENT_BATCH) again = true;
        } while (again && !closed);
      } catch {
        // The next wake-up (notification or poll) tries again from the same cursor.
      } finally {
        sending = false;
      }
    };
    const unsubscribe = this.events.subscribe(articleId, () => void flush());
    const ping = setInterval(() => raw.write(': ping\n\n'), PING_MS);
    const close = () => {
      closed = true;
      clearInterval(ping);
      unsubscribe();
    };
    req.raw.on('close', close);
    raw.on('close', close);
    await flush();
  }
}
