import * as http from 'node:http';

export interface Delivery {
  subscribers: number;
  connected: number;
  posts: number;
  delivered: number;
  p50: number;
  p99: number;
}

/**
 * S7: `subscribers` event streams on one article, then `posts` comments
 * posted one after another; for each, the time from sending the POST to the
 * frame naming it arriving on each stream. A frame that has not arrived
 * 5 s after its POST counts as missing.
 */
export async function sseDelay(base: string, articleId: string, subscribers: number, posts: number, postOne: (i: number) => Promise<string>): Promise<Delivery> {
  const sentAt = new Map<string, number>();
  const arrivals: { id: string; at: number }[] = [];
  const sockets: http.ClientRequest[] = [];
  let connected = 0;
  await Promise.all(
    Array.from(
      { length: subscribers },
      () =>
        new Promise<void>((resolve) => {
          const req = http.get(`${base}/articles/${articleId}/events`, { agent: false }, (res) => {
            if (res.statusCode === 200) connected++;
            resolve();
            let buffer = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              buffer += chunk;
              let end: number;
              while ((end = buffer.indexOf('\n\n')) >= 0) {
                const frame = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                // A frame may come before its POST has answered: keep when, match it to its POST at the end.
                const id = /"id":"([0-9a-f-]{36})"/.exec(frame)?.[1];
                if (id) arrivals.push({ id, at: performance.now() });
              }
            });
            res.on('error', () => undefined);
          });
          req.on('error', () => resolve());
          sockets.push(req);
        }),
    ),
  );
  await new Promise((r) => setTimeout(r, 500));
  for (let i = 0; i < posts; i++) {
    const started = performance.now();
    const id = await postOne(i);
    sentAt.set(id, started);
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 5000));
  for (const s of sockets) s.destroy();
  const delays = arrivals.filter((a) => sentAt.has(a.id)).map((a) => a.at - sentAt.get(a.id)!);
  delays.sort((a, b) => a - b);
  const q = (p: number) => (delays.length ? Math.round(delays[Math.min(delays.length - 1, Math.floor(p * delays.length))]) : 0);
  return { subscribers, connected, posts, delivered: delays.length, p50: q(0.5), p99: q(0.99) };
}
