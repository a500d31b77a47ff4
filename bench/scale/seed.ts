import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface SeedSize {
  articles: number;
  /** Comments and replies under the hot article (one in ten is a reply). */
  hotComments: number;
  readers: number;
}

export interface BenchReader {
  id: string;
  cookie: string;
  csrfToken: string;
}

export interface Seeded {
  hot: string;
  /** An article with 1,000 comments, for S1's "does the list cost the same" check. */
  small: string;
  articles: string[];
  readers: BenchReader[];
}

export const HOT = 'bench-hot';
export const SMALL = 'bench-small';

/** A session cookie exactly as @fastify/cookie signs one: value.base64(hmac-sha256) without padding. */
export function signedCookie(sid: string, secret: string): string {
  const mac = createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '');
  return `sid=${encodeURIComponent(`${sid}.${mac}`)}`;
}

/** md5 of an expression as a version-4 uuid (the API's id validation wants v4): stable, so replies can name their thread. */
function v4(expr: string): string {
  return `overlay(overlay(md5(${expr}) placing '4' from 13) placing '8' from 17)::uuid`;
}

function bar(label: string, done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r  ${label.padEnd(28)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en')}/${total.toLocaleString('en')}`);
  if (done >= total) process.stderr.write('\n');
}

/**
 * Fills a migrated database in SQL (generate_series, in batches so the bar
 * moves): articles, readers with identities and live sessions, and the hot
 * article's comments and replies with their kept counters set to match.
 */
export async function seed(url: string, size: SeedSize, sessionSecret: string): Promise<Seeded> {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`INSERT INTO articles (id, title) SELECT 'bench-a' || g, 'Article ' || g FROM generate_series(1, $1) g`, [size.articles]);
    await db.query(`INSERT INTO articles (id, title) VALUES ($1, 'Breaking news'), ($2, 'A quiet story')`, [HOT, SMALL]);
    bar('articles', size.articles, size.articles);

    const batch = 5000;
    for (let from = 1; from <= size.readers; from += batch) {
      const to = Math.min(size.readers, from + batch - 1);
      await db.query(
        `WITH u AS (
           INSERT INTO users (id, display_name, created_at)
           SELECT md5('reader' || g)::uuid, 'Reader ' || g, now() - interval '30 days' FROM generate_series($1::int, $2::int) g RETURNING id, display_name)
         INSERT INTO user_identities (user_id, provider, provider_user_id, handle, display_name)
         SELECT id, 'twitter', id::text, NULL, display_name FROM u`,
        [from, to],
      );
      await db.query(
        `INSERT INTO sessions (sid, user_id, data, expires_at)
         SELECT 'bench-sid-' || g, md5('reader' || g)::uuid,
                jsonb_build_object('passport', md5('reader' || g)::uuid::text, 'csrfToken', 'bench-csrf-' || g), now() + interval '1 day'
           FROM generate_series($1::int, $2::int) g`,
        [from, to],
      );
      bar('readers and sessions', to, size.readers);
    }

    // Top-level comments first (nine in ten), then replies spread over the first thousand threads.
    const top = Math.ceil(size.hotComments * 0.9);
    const replies = size.hotComments - top;
    const cBatch = 50_000;
    for (let from = 1; from <= top; from += cBatch) {
      const to = Math.min(top, from + cBatch - 1);
      await db.query(
        `INSERT INTO comments (id, article_id, author_id, body, status, policy_version, policy_rules, fingerprint, created_at)
         SELECT ${v4("'hot' || g")}, $3, md5('reader' || (1 + g % $4))::uuid, 'Seeded comment number ' || g, 'published', 'seed', '{}', md5('hot' || g),
                now() - interval '10 days' + g * interval '1 millisecond'
           FROM generate_series($1::int, $2::int) g`,
        [from, to, HOT, size.readers],
      );
      bar('hot comments', to, size.hotComments);
    }
    const threads = Math.min(1000, top);
    for (let from = 1; from <= replies; from += cBatch) {
      const to = Math.min(replies, from + cBatch - 1);
      await db.query(
        `INSERT INTO comments (article_id, parent_id, author_id, body, status, policy_version, policy_rules, fingerprint, created_at)
         SELECT $3, ${v4("'hot' || (1 + g % $5)")}, md5('reader' || (1 + g % $4))::uuid, 'Seeded reply number ' || g, 'published', 'seed', '{}', md5('reply' || g),
                now() - interval '5 days' + g * interval '1 millisecond'
           FROM generate_series($1::int, $2::int) g`,
        [from, to, HOT, size.readers, threads],
      );
      bar('hot comments', top + to, size.hotComments);
    }
    await db.query(
      `INSERT INTO comments (article_id, author_id, body, status, policy_version, policy_rules, fingerprint, created_at)
       SELECT $1, md5('reader' || (1 + g % $2))::uuid, 'Small article comment ' || g, 'published', 'seed', '{}', md5('small' || g), now() - interval '1 day' + g * interval '1 second'
         FROM generate_series(1, 1000) g`,
      [SMALL, size.readers],
    );
    // The kept counters, as the lifecycle would have left them.
    await db.query(`UPDATE comments t SET reply_count = r.n FROM (SELECT parent_id, count(*)::int AS n FROM comments WHERE parent_id IS NOT NULL GROUP BY parent_id) r WHERE t.id = r.parent_id`);
    await db.query(
      `UPDATE articles a SET comment_count = c.n, top_level_count = c.top
         FROM (SELECT article_id, count(*)::int AS n, count(*) FILTER (WHERE parent_id IS NULL)::int AS top FROM comments GROUP BY article_id) c
        WHERE a.id = c.article_id`,
    );
    await db.query('VACUUM ANALYZE');
    // The seed's dirty pages written now, not by a checkpoint in the middle of the first scenario.
    await db.query('CHECKPOINT').catch(() => undefined);
  } finally {
    await db.end();
  }
  const readers: BenchReader[] = [];
  for (let g = 1; g <= size.readers; g++) {
    readers.push({ id: md5Uuid(`reader${g}`), cookie: signedCookie(`bench-sid-${g}`, sessionSecret), csrfToken: `bench-csrf-${g}` });
  }
  const articles = Array.from({ length: size.articles }, (_, i) => `bench-a${i + 1}`);
  return { hot: HOT, small: SMALL, articles, readers };
}

/** md5(text)::uuid as Postgres spells it. */
function md5Uuid(text: string): string {
  const h = createHash('md5').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function newSecret(): string {
  return randomBytes(32).toString('hex');
}
