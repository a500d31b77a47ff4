/**
 * The baseline: the fastest thing that could do the service's work for S1,
 * S2 and S5 — node:http and pg, no framework — running exactly the SQL the
 * service runs for those requests (the statements below are the service's,
 * in the same order), with the same session check and the same JSON out.
 * What it leaves out is what is not SQL: validation, the policy engine, the
 * framework. Run in its own process: `node baseline.js <databaseUrl> <sessionSecret>`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import { Pool, type PoolClient } from 'pg';
import { COMMENT_SELECT, topLevelStatement } from '../../src/comments/comments.repository';
import { encodeCursor } from '../../src/comments/cursor';
import { VERSION_AND_TOTAL } from '../../src/comments/list-versions.repository';
import { toCommentView, type CommentRow } from '../../src/comments/dto/comment.view';

const LOCKED = `c.id, c.article_id, c.parent_id, c.author_id, c.status, c.notice, c.reply_count, c.created_at, c.restoration_requested_at`;
const ONE = `${COMMENT_SELECT} WHERE c.id = $1`;

function unsign(raw: string, secret: string): string | null {
  const value = decodeURIComponent(raw);
  const dot = value.lastIndexOf('.');
  if (dot < 0) return null;
  const sid = value.slice(0, dot);
  const mac = Buffer.from(createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, ''));
  const given = Buffer.from(value.slice(dot + 1));
  return mac.length === given.length && timingSafeEqual(mac, given) ? sid : null;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

async function list(pool: Pool, articleId: string, cursor: string | null): Promise<unknown> {
  const after = cursor ? (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { t: string; id: string }) : null;
  const count = await pool.query<{ total: number | null }>(VERSION_AND_TOTAL, [articleId]);
  const rows = await pool.query<CommentRow>(topLevelStatement('newest', after !== null), [articleId, null, 21, ...(after ? [after.t, after.id] : [])]);
  const more = rows.rows.length > 20;
  const items = more ? rows.rows.slice(0, 20) : rows.rows;
  const last = items[items.length - 1];
  return {
    items: items.map((r) => toCommentView(r, null)),
    nextCursor: more ? encodeCursor(`${articleId}:newest`, { t: last.created_key, id: last.id }) : null,
    total: count.rows[0]?.total ?? 0,
  };
}

async function post(pool: Pool, articleId: string, userId: string, body: string): Promise<unknown> {
  const c: PoolClient = await pool.connect();
  try {
    await c.query('START TRANSACTION');
    await c.query(`SELECT pg_advisory_xact_lock(hashtextextended('user:' || $1, 0))`, [userId]);
    await c.query('SELECT * FROM users WHERE id = $1', [userId]);
    await c.query('INSERT INTO articles (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [articleId]);
    await c.query('SELECT comments_open, moderation FROM articles WHERE id = $1', [articleId]);
    await c.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE created_at > now() - interval '24 hours')::int AS last_day,
              count(*) FILTER (WHERE article_id = $2)::int AS on_article,
              max(created_at) AS last_at,
              min(created_at) FILTER (WHERE created_at > now() - interval '24 hours') AS oldest_day,
              coalesce(array_agg(fingerprint) FILTER (WHERE created_at > now() - interval '24 hours' AND id IS DISTINCT FROM $3::uuid AND status <> 'deleted'), '{}') AS fingerprints
         FROM comments WHERE author_id = $1`,
      [userId, articleId, null],
    );
    const fingerprint = createHmac('sha256', 'fp').update(body).digest('hex');
    const inserted = await c.query<{ id: string }>(
      `INSERT INTO comments (article_id, parent_id, author_id, body, status, notice, policy_version, policy_rules, fingerprint)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [articleId, null, userId, body, 'published', null, 'baseline', [], fingerprint],
    );
    const id = inserted.rows[0].id;
    await c.query(`SELECT ${LOCKED}, coalesce(t.status, c.status) AS thread_status FROM comments c LEFT JOIN comments t ON t.id = c.parent_id WHERE c.id = $1`, [id]);
    const row = (await c.query<CommentRow>(ONE, [id, null])).rows[0];
    await c.query('UPDATE articles SET comment_count = comment_count + $2, top_level_count = top_level_count + $3 WHERE id = $1 RETURNING comments_open, moderation', [articleId, 1, 1]);
    const view = toCommentView(row, null);
    await c.query('INSERT INTO comment_events (article_id, type, payload) VALUES ($1, $2, $3)', [articleId, 'comment.created', view]);
    await c.query('SELECT pg_notify($1, $2)', ['comment_events', articleId]);
    await c.query('COMMIT');
    return toCommentView(row, userId);
  } catch (error) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    c.release();
  }
}

export async function serveBaseline(databaseUrl: string, secret: string, poolMax: number): Promise<number> {
  const pool = new Pool({ connectionString: databaseUrl, max: poolMax, statement_timeout: 15000 });
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const m = /^\/articles\/([A-Za-z0-9_.:-]{1,128})\/comments$/.exec(url.pathname);
      if (!m) return send(res, 404, { error: { code: 'NOT_FOUND', message: 'Not found' } });
      if (req.method === 'GET') return send(res, 200, await list(pool, m[1], url.searchParams.get('cursor')));
      if (req.method !== 'POST') return send(res, 404, { error: { code: 'NOT_FOUND', message: 'Not found' } });
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      const sid = raw ? unsign(raw, secret) : null;
      // The service's session read and passport's user read, then its CSRF check.
      const session = sid ? (await pool.query('SELECT data, expires_at FROM sessions WHERE sid = $1 AND expires_at > now()', [sid])).rows[0] : undefined;
      const userId = session?.data.passport as string | undefined;
      if (!userId || !(await pool.query('SELECT * FROM users WHERE id = $1', [userId])).rows[0]) return send(res, 401, { error: { code: 'UNAUTHENTICATED', message: 'Log in' } });
      if (req.headers['x-csrf-token'] !== session.data.csrfToken) return send(res, 403, { error: { code: 'CSRF_FAILED', message: 'CSRF' } });
      const { body } = JSON.parse(Buffer.concat(chunks).toString()) as { body: string };
      send(res, 201, await post(pool, m[1], userId, body.normalize('NFC').trim()));
    })().catch((error: Error) => send(res, 500, { error: { code: 'INTERNAL', message: error.message } }));
  });
  server.keepAliveTimeout = 72_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

if (require.main === module) {
  serveBaseline(process.argv[2], process.argv[3], Number(process.argv[4] ?? 20)).then(
    (port) => process.send?.({ port }),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
