/**
 * The moderation queue under load: a page of held comments with 100 items
 * waiting against the same page with 100,000 waiting (and 100,000 published
 * ones beside them), first page and a deep one, through the service's own
 * code (ModerationService.list, the one statement it runs), with EXPLAIN
 * ANALYZE of that statement. The target: a page in under 50 ms.
 *
 *   npm run bench:queue        (BENCH_WAITING=100000 BENCH_SAMPLES=200 to change)
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { createApp } from '../src/app';
import { REQUEST_LIMITS_OFF } from '../src/common/rate-limits';
import { loadConfig } from '../src/config/config';
import { ModerationService } from '../src/moderation/moderation.service';
import { queueStatement } from '../src/moderation/queue.repository';
import { createBenchDatabase } from './bench-database';
import { median, p95 } from './stats';

const WAITING = Number(process.env.BENCH_WAITING ?? 100_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const SMALL = 100;
const TARGET_MS = 50;


/** `count` held comments from 5,000 readers over 200 articles. */
async function seed(pool: Pool, from: number, count: number): Promise<void> {
  await pool.query(
    `INSERT INTO comments (article_id, author_id, body, status, notice, policy_version, policy_rules, fingerprint, created_at)
     SELECT 'bench-' || (g % 200), u.id, 'held comment ' || g, 'pending', 'awaiting_review',
            'bench', '{spam.link}', md5(g::text), timestamptz '2026-01-01' + g * interval '1 second'
       FROM generate_series($1::int, $2::int) g
       JOIN (SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM users) u ON u.n = g % 5000`,
    [from, from + count - 1],
  );
}

async function main(): Promise<void> {
  const db = await createBenchDatabase();
  const pool = new Pool({ connectionString: db.url, max: 2 });
  try {
    const t0 = performance.now();
    await pool.query(`INSERT INTO users (display_name) SELECT 'reader ' || g FROM generate_series(1, 5000) g`);
    await pool.query(`INSERT INTO articles (id, title) SELECT 'bench-' || g, 'Article ' || g FROM generate_series(0, 199) g`);
    await seed(pool, 1, SMALL);
    await pool.query('ANALYZE');

    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url, ...REQUEST_LIMITS_OFF });
    const app = await createApp(config);
    const moderation = app.get(ModerationService);
    const time = async (cursor?: string) => {
      const started = performance.now();
      const page = await moderation.list('pending', null, 20, cursor);
      if (page.items.length !== 20) throw new Error(`a page of ${page.items.length}`);
      return { ms: performance.now() - started, next: page.nextCursor };
    };
    const measure = async () => {
      let cursor: string | null = null;
      for (let i = 0; i < 3; i++) cursor = (await time(cursor ?? undefined)).next;
      const first: number[] = [];
      const deep: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        first.push((await time()).ms);
        deep.push((await time(cursor!)).ms);
      }
      return { first, deep, cursor: cursor! };
    };

    const small = await measure();
    // The large queue: the rest of the held comments, as many published ones beside them, reports on a third.
    await seed(pool, SMALL + 1, WAITING - SMALL);
    await pool.query(
      `INSERT INTO comments (article_id, author_id, body, status, policy_version, fingerprint, created_at)
       SELECT 'bench-' || (g % 200), u.id, 'published ' || g, 'published', 'bench', md5('p' || g), timestamptz '2025-01-01' + g * interval '1 second'
         FROM generate_series(1, $1::int) g
         JOIN (SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM users) u ON u.n = g % 5000`,
      [WAITING],
    );
    await pool.query(
      `INSERT INTO comment_reports (comment_id, reporter_id, reason)
       SELECT c.id, u.id, 'spam'
         FROM (SELECT id, (row_number() OVER (ORDER BY id))::int AS k FROM comments WHERE status = 'pending') c
         JOIN (SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS n FROM users) u ON u.n IN (c.k % 5000, (c.k + 1) % 5000)
        WHERE c.k % 3 = 0`,
    );
    await pool.query('ANALYZE');
    const seeded = (performance.now() - t0) / 1000;
    const large = await measure();

    const decoded = JSON.parse(Buffer.from(large.cursor, 'base64url').toString()) as { t: string; id: string };
    const explain = async (withCursor: boolean, params: unknown[]) =>
      (await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${queueStatement('pending', withCursor)}`, params)).rows.map((r) => r['QUERY PLAN'] as string);
    const planFirst = await explain(false, [null, 21]);
    const planDeep = await explain(true, [null, 21, decoded.t, decoded.id]);
    await app.close();

    const line = (label: string, xs: number[]) => `  ${label.padEnd(36)} median ${median(xs).toFixed(2)} ms, p95 ${p95(xs).toFixed(2)} ms`;
    console.log(`\nbench:queue — GET /moderation/queue?status=pending&limit=20 through ModerationService.list (one statement), ${SAMPLES} samples each`);
    console.log(`seeded in ${seeded.toFixed(1)} s`);
    console.log(line(`${SMALL} waiting, page 1`, small.first));
    console.log(line(`${SMALL} waiting, page 4`, small.deep));
    console.log(line(`${WAITING.toLocaleString('en')} waiting, page 1`, large.first));
    console.log(line(`${WAITING.toLocaleString('en')} waiting, page 4`, large.deep));
    console.log(`  ratio ${WAITING.toLocaleString('en')} / ${SMALL} waiting (median, page 1): ${(median(large.first) / median(small.first)).toFixed(2)}`);
    const worst = Math.max(p95(large.first), p95(large.deep));
    console.log(`  target: a page in under ${TARGET_MS} ms with ${WAITING.toLocaleString('en')} waiting: ${worst < TARGET_MS ? 'met' : 'NOT met'} (worst p95 ${worst.toFixed(2)} ms)`);
    console.log('\nEXPLAIN ANALYZE, page 1:\n  ' + planFirst.join('\n  '));
    console.log('\nEXPLAIN ANALYZE, page 4:\n  ' + planDeep.join('\n  '));
  } finally {
    await pool.end();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
