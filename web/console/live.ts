import { useEffect, useRef, useState } from 'preact/hooks';
import { BASE } from './api';
import type { QueueEvent } from './types';

/** Every kind the moderation stream sends (docs/api.md, GET /moderation/events). */
const KINDS = ['comment.pending', 'comment.reported', 'comment.hidden', 'comment.decided', 'claim.due', 'claim.restoration_requested', 'name.pending', 'name.decided'];

export type LiveState = 'connecting' | 'open' | 'closed';

/**
 * The live queue over EventSource: same origin, so the session cookie goes
 * along, and the browser reconnects with Last-Event-ID by itself. When the
 * server refuses a reconnection (the session ended, the role was withdrawn)
 * the source closes for good and the page says so.
 */
export function useQueueEvents(onEvent: (event: QueueEvent) => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const latest = useRef(onEvent);
  latest.current = onEvent;
  useEffect(() => {
    const source = new EventSource(`${BASE}/moderation/events`);
    const receive = (message: MessageEvent<string>) => {
      try {
        const event = JSON.parse(message.data) as QueueEvent;
        if (typeof event.id === 'string' && typeof event.kind === 'string') latest.current(event);
      } catch {
        // a frame that is not ours to read
      }
    };
    for (const kind of KINDS) source.addEventListener(kind, receive as EventListener);
    source.onopen = () => setState('open');
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    return () => source.close();
  }, []);
  return state;
}
