/**
 * Keyset pagination at depth: an article with 1,000,000 comments; the latency
 * of page 1 against the page reached after 10,000 cursor hops, over HTTP and
 * by EXPLAIN ANALYZE of the list query, in one run.
 *
 *   npm run bench:pages        (BENCH_COMMENTS=1000000 BENCH_HOPS=10000 BENCH_SAMPLES=200 to change)
 */
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { createApp } from '../src/app';
import { topLevelStatement } from '../src/comments/comments.repository';
import { loadConfig } from '../src/config/config';
import { REQUEST_LIMITS_OFF } from '../src/common/rate-limits';
import { createBenchDatabase } from './bench-database';
import { median, p95 } from './stats';

const COMMENTS = Number(process.env.BENCH_COMMENTS ?? 1_000_000);
const HOPS = Number(process.env.BENCH_HOPS ?? 10_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 200);
const ARTICLE = 'bench-article';


async function main(): Promise<void> {
  const db = await createBenchDatabase();
  const pool = new Pool({ connectionString: db.url, max: 2 });
  try {
    const t0 = performance.now();
    const [{ id: author }] = (await pool.query(`INSERT INTO users (display_name) VALUES ('bench reader') RETURNING id`)).rows;
    await pool.query(`INSERT INTO articles (id, comment_count, top_level_count) VALUES ($1, $2, $2)`, [ARTICLE, COMMENTS]);
    // Timestamps a second apart with every third one tied, so the tiebreaker on id is exercised too.
    await pool.query(
      `INSERT INTO comments (article_id, author_id, body, status, policy_version, fingerprint, created_at, agree_count)
       SELECT $1, $2, 'comment number ' || g, 'published', 'bench', md5(g::text), timestamptz '2020-01-01' + (g / 3) * interval '1 second', g % 50
         FROM generate_series(1, $3) g`,
      [ARTICLE, author, COMMENTS],
    );
    await pool.query('ANALYZE comments');
    console.log(`seeded ${COMMENTS.toLocaleString('en')} comments in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: db.url, ...REQUEST_LIMITS_OFF });
    const app = await createApp(config);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/articles/${ARTICLE}/comments?limit=20`;
    const get = async (cursor: string | null) => {
      const started = performance.now();
      const res = await fetch(cursor ? `${base}&cursor=${cursor}` : base);
      const body = (await res.json()) as { nextCursor: string | null; items: unknown[] };
      if (res.status !== 200 || body.items.length !== 20) throw new Error(`unexpected answer ${res.status}`);
      return { ms: performance.now() - started, next: body.nextCursor };
    };

    // Walk 10,000 hops with the real cursors.
    let cursor: string | null = null;
    const walkStart = performance.now();
    for (let i = 0; i < HOPS; i++) cursor = (await get(cursor)).next;
    const walkSeconds = (performance.now() - walkStart) / 1000;
    const deepCursor = cursor!;

    const first: number[] = [];
    const deep: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      first.push((await get(null)).ms);
      deep.push((await get(deepCursor)).ms);
    }

    // The very statement the service runs (comments.repository.ts), first page and deep page, for an anonymous reader.
    const decoded = JSON.parse(Buffer.from(deepCursor, 'base64url').toString()) as { t: string; id: string };
    const explain = async (withCursor: boolean, params: unknown[]) =>
      (await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${topLevelStatement('newest', withCursor)}`, params)).rows.map((r) => r['QUERY PLAN'] as string);
    const planFirst = await explain(false, [ARTICLE, null, 21]);
    const planDeep = await explain(true, [ARTICLE, null, 21, decoded.t, decoded.id]);
    await app.close();

    console.log(`\nbench:pages — ${COMMENTS.toLocaleString('en')} comments on one article, limit 20, sort=newest`);
    console.log(`walked ${HOPS.toLocaleString('en')} cursor hops over HTTP in ${walkSeconds.toFixed(1)} s (${(HOPS / walkSeconds).toFixed(0)} pages/s)`);
    console.log(`HTTP latency over ${SAMPLES} samples each:`);
    console.log(`  page 1:                 median ${median(first).toFixed(2)} ms, p95 ${p95(first).toFixed(2)} ms`);
    console.log(`  page ${(HOPS + 1).toLocaleString('en')}:            median ${median(deep).toFixed(2)} ms, p95 ${p95(deep).toFixed(2)} ms`);
    console.log(`  ratio deep / first (median): ${(median(deep) / median(first)).toFixed(2)}`);
    console.log('\nEXPLAIN ANALYZE, page 1:\n  ' + planFirst.join('\n  '));
    console.log(`\nEXPLAIN ANALYZE, page ${HOPS + 1}:\n  ` + planDeep.join('\n  '));
  } finally {
    await pool.end();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
