/**
 * npm run bench: the service at scale against a frameworkless baseline.
 * See bench/scale/README in docs/scaling.md for what each scenario is.
 *
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=32 BENCH_ONLY=S1,S5 npm run bench
 *   BENCH_HOT_COMMENTS=1000000 BENCH_ARTICLES=10000 BENCH_READERS=20000 (the defaults)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { projectRoot } from '../../src/config/project-root';
import { freePort } from '../../test/helpers/free-port';
import { startMain, type MainProcess } from '../../test/helpers/main-process';
import { createBenchDatabase } from '../bench-database';
import { drive, type Measured, type RequestSpec } from './load';
import { newSecret, seed, type Seeded } from './seed';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const SIZE = {
  articles: Number(process.env.BENCH_ARTICLES ?? 10_000),
  hotComments: Number(process.env.BENCH_HOT_COMMENTS ?? 1_000_000),
  readers: Number(process.env.BENCH_READERS ?? 20_000),
};
/** Flood limits off: a few thousand readers post many times a minute. */
const NO_LIMITS = { RATE_COMMENTS_PER_DAY: '0', RATE_COMMENTS_PER_ARTICLE: '0', RATE_COMMENT_INTERVAL_SECONDS: '0', RATE_REACTIONS_PER_DAY: '0' };

function wanted(name: string): boolean {
  return !ONLY || ONLY.has(name) || ONLY.has(name.split(' ')[0]);
}

let postSerial = 0;
/** A post by the next reader in turn, with a text no one wrote before (the duplicate rule stays quiet). */
function poster(s: Seeded, article: () => string, base: string): () => RequestSpec {
  let i = 0;
  return () => {
    const r = s.readers[i++ % s.readers.length];
    postSerial++;
    return {
      method: 'POST',
      path: `/articles/${article()}/comments`,
      headers: { cookie: r.cookie, 'x-csrf-token': r.csrfToken, origin: base, 'content-type': 'application/json' },
      body: JSON.stringify({ body: `Reader note ${postSerial} from run ${process.pid}: the council vote moved to Thursday.` }),
    };
  };
}

async function main(): Promise<void> {
  const results: Measured[] = [];
  const secret = newSecret();
  const db = await createBenchDatabase();
  let server: MainProcess | undefined;
  try {
    process.stderr.write(`seeding ${JSON.stringify(SIZE)}\n`);
    const s = await seed(db.url, SIZE, secret);
    server = await startMain(await freePort(), { ...NO_LIMITS, DATABASE_URL: db.url, SESSION_SECRET: secret, LOG_LEVEL: 'warn', DATABASE_POOL_MAX: '20' });
    const base = server.base;
    const run = async (name: string, next: () => RequestSpec, expect: number[]) => {
      if (!wanted(name)) return;
      await drive(`${name} (warm-up)`, base, { seconds: Math.min(3, SECONDS), connections: CONNECTIONS, next, expect });
      const m = await drive(name, base, { seconds: SECONDS, connections: CONNECTIONS, next, expect });
      results.push(m);
      process.stderr.write(`  ${name}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.errors} errors ${m.samples.join(' | ')}\n`);
    };
    let a = 0;
    await run('S5 spread', poster(s, () => s.articles[a++ % s.articles.length], base), [201]);
    await run('S5 hot', poster(s, () => s.hot, base), [201]);
    // The counters are kept in the posting transaction: they must still equal the rows.
    const check = new Client({ connectionString: db.url });
    await check.connect();
    const [bad] = (
      await check.query(
        `SELECT count(*)::int AS n FROM articles a
          WHERE a.comment_count <> (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'published')
             OR a.top_level_count <> (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'published' AND c.parent_id IS NULL)`,
      )
    ).rows;
    await check.end();
    process.stderr.write(`articles whose kept counts differ from their rows: ${bad.n}\n`);
    if (bad.n) results.push({ name: 'counts exact', rps: 0, p50: 0, p99: 0, errors: bad.n, requests: 0, samples: [] });
  } finally {
    if (server) await server.stop();
    await db.drop();
  }
  const out = path.join(projectRoot(), 'bench/results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'scale.json'), JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, connections: CONNECTIONS, size: SIZE, results }, null, 2));
  for (const r of results) console.log(`${r.name.padEnd(24)} ${r.rps.toFixed(0).padStart(8)} ${String(r.p50).padStart(6)} ${String(r.p99).padStart(6)} ${String(r.errors).padStart(6)}`);
  if (results.some((r) => r.errors > 0)) process.exit(1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
