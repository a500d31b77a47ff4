import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../common/errors';
import type { StoredEvent } from './comment-events.repository';

const PING_MS = 15_000;
/** Event ids are Postgres bigints. */
const MAX_EVENT_ID = 9223372036854775807n;

/** A stream of stored events: what came after a cursor, the newest id, and a way to be woken. */
export interface EventFeed {
  since(afterId: string): Promise<StoredEvent[]>;
  latestId(): Promise<string>;
  subscribe(wake: () => void): () => void;
  batchSize: number;
  /** Asked before every flush and ping: a stream whose listener lost the right to it ends. */
  stillAllowed?: () => Promise<boolean>;
  /** Registers the stream's ending for a shutdown (Lifecycle.onDrain); gives back the unregistration. */
  onDrain?: (end: () => void) => () => void;
}

/**
 * The last frame of a stream the server ends because it is shutting down: the
 * client reconnects (to another instance) after `retry`, with Last-Event-ID,
 * and misses nothing.
 */
export const CLOSING_FRAME = 'retry: 1000\nevent: server.closing\ndata: {}\n\n';

/** Each event's frame, written once however many streams send it (they share the read: LiveEvents.sharedSince). */
const frames = new WeakMap<StoredEvent, string>();
function frameOf(e: StoredEvent): string {
  let frame = frames.get(e);
  if (frame === undefined) {
    frame = `id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e.payload)}\n\n`;
    frames.set(e, frame);
  }
  return frame;
}

/** A Last-Event-ID must be an id of the stream: digits within a bigint. */
export function checkLastEventId(lastEventId: string | undefined): void {
  if (lastEventId !== undefined && (!/^\d{1,19}$/.test(lastEventId) || BigInt(lastEventId) > MAX_EVENT_ID)) {
    throw AppError.validation('Last-Event-ID must be an event id from this stream.');
  }
}

/**
 * Serves a feed as text/event-stream: every event after Last-Event-ID (or
 * from now), then live ones as the feed wakes us, in id order, none twice. One
 * flush runs at a time; a wake-up during a flush makes it go round again.
 */
export async function streamEvents(req: FastifyRequest, reply: FastifyReply, feed: EventFeed, lastEventId: string | undefined): Promise<void> {
  checkLastEventId(lastEventId);
  let cursor = lastEventId ?? (await feed.latestId());
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
  /** False once the listener may no longer hear this stream: it is ended. */
  const allowed = async () => {
    if (!feed.stillAllowed || (await feed.stillAllowed().catch(() => false))) return true;
    if (!closed) raw.end();
    return false;
  };
  const flush = async () => {
    if (sending) {
      again = true;
      return;
    }
    sending = true;
    try {
      if (!(await allowed())) return;
      do {
        again = false;
        const batch = await feed.since(cursor);
        for (const e of batch) {
          if (closed) return;
          // Ids only rise on a stream: whatever a query gives back, nothing is sent twice or out of order.
          if (BigInt(e.id) <= BigInt(cursor)) continue;
          raw.write(frameOf(e));
          cursor = e.id;
        }
        if (batch.length === feed.batchSize) again = true;
      } while (again && !closed);
    } catch {
      // The next wake-up (notification or poll) tries again from the same cursor.
    } finally {
      sending = false;
    }
  };
  const unsubscribe = feed.subscribe(() => void flush());
  const ping = setInterval(() => void allowed().then((ok) => ok && !closed && raw.write(': ping\n\n')), PING_MS);
  let undrain: (() => void) | undefined;
  const close = () => {
    closed = true;
    clearInterval(ping);
    unsubscribe();
    undrain?.();
  };
  undrain = feed.onDrain?.(() => {
    if (closed) return;
    close();
    raw.end(CLOSING_FRAME);
  });
  req.raw.on('close', close);
  raw.on('close', close);
  await flush();
}
