import { Client } from 'pg';
import { REQUEST_LIMITS_OFF } from '../../src/common/rate-limits';
import { freePort } from '../helpers/free-port';
import { startMain, type MainProcess } from '../helpers/main-process';
import { loginOnServer, type ServerSession } from '../helpers/server-login';
import { SseClient } from '../helpers/sse';
import { OwnPostgres } from './own-postgres';

const NO_FLOODS = { RATE_COMMENTS_PER_DAY: '0', RATE_COMMENTS_PER_ARTICLE: '0', RATE_COMMENT_INTERVAL_SECONDS: '0', RATE_REACTIONS_PER_DAY: '0' };

/**
 * The service process failing under load (issue 12's fault tests), on a
 * Postgres of the spec's own: killed mid-posting, and stopped with SIGTERM
 * while streams are open and posts are in flight.
 */
describe('the service process under faults', () => {
  let pg: OwnPostgres;
  let server: MainProcess | undefined;
  const env = () => ({ NODE_ENV: 'test', AUTH_SANDBOX: 'true', LOG_LEVEL: 'warn', DATABASE_URL: pg.url, SHUTDOWN_DRAIN_SECONDS: '5', ...NO_FLOODS, ...REQUEST_LIMITS_OFF });

  beforeAll(async () => {
    pg = await OwnPostgres.start();
  }, 60_000);
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });
  afterAll(async () => {
    await pg?.destroy();
  }, 60_000);

  const postOnce = (base: string, s: ServerSession, key: string, body: string) =>
    fetch(`${base}/articles/kill-1/comments`, {
      method: 'POST',
      headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ body }),
    }).then(
      async (r) => ({ status: r.status, id: r.status === 201 ? ((await r.json()) as { id: string }).id : null }),
      () => ({ status: 0, id: null }),
    );

  it('SIGKILL mid-posting, then retries under the same Idempotency-Key: every acknowledged comment exists exactly once', async () => {
    const port = await freePort();
    server = await startMain(port, env());
    const s = await loginOnServer(server.base, 'twitter', 'killed_poster');
    const keys = Array.from({ length: 40 }, (_, i) => `kill-key-${i}`);
    const first = keys.map((k, i) => postOnce(server!.base, s, k, `Comment number ${i}.`));
    await new Promise((r) => setTimeout(r, 150));
    process.kill(server.pid, 'SIGKILL');
    const answered = await Promise.all(first);
    await server.stop();
    server = await startMain(port, env());
    // The browser retries whatever got no answer, and a careful client retries everything: same key, same body.
    const retried = await Promise.all(keys.map((k, i) => postOnce(server!.base, s, k, `Comment number ${i}.`)));
    for (let i = 0; i < keys.length; i++) {
      expect(retried[i].status).toBe(201);
      if (answered[i].status === 201) expect(retried[i].id).toBe(answered[i].id);
    }
    const db = new Client({ connectionString: pg.url });
    await db.connect();
    try {
      const rows: { body: string; n: number }[] = (await db.query(`SELECT body, count(*)::int AS n FROM comments WHERE article_id = 'kill-1' GROUP BY body`)).rows;
      expect(rows).toHaveLength(keys.length);
      expect(rows.every((r) => r.n === 1)).toBe(true);
    } finally {
      await db.end();
    }
  }, 120_000);

  it('SIGTERM under load with streams open: every post in flight is answered and kept, streams get their last frame, exit 0', async () => {
    server = await startMain(await freePort(), env());
    const base = server.base;
    const s = await loginOnServer(base, 'facebook', 'term_poster');
    const streams = await Promise.all(Array.from({ length: 5 }, () => SseClient.open(`${base}/articles/term-1/events`)));
    const posts = Array.from({ length: 30 }, (_, i) =>
      fetch(`${base}/articles/term-1/comments`, {
        method: 'POST',
        headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({ body: `Posted during shutdown ${i}.` }),
      }).then(
        async (r) => ({ status: r.status, body: (await r.json()) as { id?: string; error?: { code: string } } }),
        () => ({ status: 0, body: {} as { id?: string; error?: { code: string } } }),
      ),
    );
    await new Promise((r) => setTimeout(r, 30));
    const exit = server.stop();
    const answers = await Promise.all(posts);
    expect(await exit).toBe(0);
    server = undefined;
    // Each post was either taken (201, and kept) or refused in the contract's shape (503 during the drain); none is lost.
    for (const a of answers) {
      expect([201, 503]).toContain(a.status);
      if (a.status === 503) expect(a.body.error?.code).toBe('UNAVAILABLE');
    }
    for (const stream of streams) expect(stream.events().at(-1)?.event).toBe('server.closing');
    const db = new Client({ connectionString: pg.url });
    await db.connect();
    try {
      const kept: { id: string }[] = (await db.query(`SELECT id FROM comments WHERE article_id = 'term-1'`)).rows;
      const taken = answers.filter((a) => a.status === 201).map((a) => a.body.id);
      expect(kept.map((r) => r.id).sort()).toEqual([...taken].sort());
    } finally {
      await db.end();
    }
  }, 120_000);
});
