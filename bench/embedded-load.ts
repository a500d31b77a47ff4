/**
 * The embedded database's capacity, measured: the mixed load of the embedded
 * e2e test (lists, posts, replies, reactions, counts; 16 at a time) against
 * the real `node dist/src/main.js`, first on the embedded database (no
 * DATABASE_URL), then on a fresh Postgres database, in one run. Prints, for
 * each, requests, seconds, requests/s, answers that were neither 2xx nor 4xx,
 * p50/p95 latency, and the ratio embedded/Postgres.
 *
 *   npm run bench:embedded   (BENCH_REQUESTS=1000 BENCH_CONCURRENCY=16 BENCH_ROUNDS=1 to change;
 *                             BENCH_DATABASE_URL names the Postgres server, default 127.0.0.1:5432)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../test/helpers/free-port';
import { startMain } from '../test/helpers/main-process';
import { loginOnServer } from '../test/helpers/server-login';
import { createBenchDatabase } from './bench-database';
import { LoadSummary, runMixedLoad, summarize } from './mixed-load';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const WARM_UP = 100;
const READERS = 6;
const ARTICLES = ['bench-a1', 'bench-a2', 'bench-a3', 'bench-a4'];

/** Flood limits off, as in the e2e test: six readers post hundreds of times a minute. */
const NO_LIMITS = { RATE_COMMENTS_PER_DAY: '0', RATE_COMMENTS_PER_ARTICLE: '0', RATE_COMMENT_INTERVAL_SECONDS: '0', RATE_REACTIONS_PER_DAY: '0', LOG_LEVEL: 'warn' };

async function measure(database: Record<string, string>): Promise<LoadSummary> {
  const server = await startMain(await freePort(), { ...NO_LIMITS, ...database });
  try {
    const readers = [];
    for (let i = 0; i < READERS; i++) readers.push(await loginOnServer(server.base, i % 2 ? 'facebook' : 'twitter', `bench_reader_${i}`));
    // The same warm-up for both, so neither is timed while V8 still compiles the request path.
    await runMixedLoad({ base: server.base, readers, articles: ARTICLES, requests: WARM_UP, concurrency: CONCURRENCY, label: 'warm-up' });
    return summarize(await runMixedLoad({ base: server.base, readers, articles: ARTICLES, requests: REQUESTS, concurrency: CONCURRENCY, label: 'measured' }));
  } finally {
    const code = await server.stop();
    if (code !== 0) process.stderr.write(`main.js exited with ${code}:\n${server.output().slice(-4000)}\n`);
  }
}

async function embedded(): Promise<LoadSummary> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-embedded-'));
  try {
    return await measure({ EMBEDDED_DATA_DIR: dataDir });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgres(): Promise<LoadSummary> {
  const db = await createBenchDatabase();
  try {
    return await measure({ DATABASE_URL: db.url });
  } finally {
    await db.drop();
  }
}

function row(name: string, s: LoadSummary): string {
  return [
    name.padEnd(10),
    String(s.requests).padStart(8),
    s.seconds.toFixed(1).padStart(8),
    s.perSecond.toFixed(0).padStart(8),
    String(s.failures).padStart(13),
    s.p50.toFixed(0).padStart(8),
    s.p95.toFixed(0).padStart(8),
  ].join(' ');
}

async function main(): Promise<void> {
  console.log(`mixed load: ${REQUESTS} requests, ${CONCURRENCY} at a time, ${READERS} readers on ${ARTICLES.length} articles, after ${WARM_UP} to warm up`);
  console.log(`${'database'.padEnd(10)} ${'requests'.padStart(8)} ${'seconds'.padStart(8)} ${'req/s'.padStart(8)} ${'not 2xx/4xx'.padStart(13)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)}`);
  for (let round = 1; round <= ROUNDS; round++) {
    const e = await embedded();
    console.log(row('embedded', e));
    const p = await postgres();
    console.log(row('postgres', p));
    console.log(`round ${round}: embedded/postgres throughput ${(e.perSecond / p.perSecond).toFixed(2)}, p50 latency ${(e.p50 / p.p50).toFixed(1)}x`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
