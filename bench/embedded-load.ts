/**
 * The embedded database's capacity, measured: the mixed load of the embedded
 * e2e test (lists, posts, replies, reactions, counts; 16 at a time) against
 * the real `node dist/src/main.js`, first on the embedded database (no
 * DATABASE_URL), then on a fresh Postgres database, in one run. Prints, for
 * each, requests, seconds, requests/s, answers that were neither 2xx nor 4xx,
 * p50/p95 latency, and the ratio embedded/Postgres. Also the CPU the server
 * process spent per request: on a shared machine requests/s moves with the
 * neighbours' load, CPU per request much less; on the embedded database it
 * includes PGlite (same thread), on Postgres it leaves out the database's
 * own processes.
 *
 *   npm run bench:embedded   (BENCH_REQUESTS=1000 BENCH_CONCURRENCY=16 BENCH_ROUNDS=1 to change;
 *                             BENCH_DATABASE_URL names the Postgres server, default 127.0.0.1:5432)
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../test/helpers/free-port';
import { startMain } from '../test/helpers/main-process';
import { REQUEST_LIMITS_OFF } from '../src/common/rate-limits';
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
const NO_LIMITS = { RATE_COMMENTS_PER_DAY: '0', RATE_COMMENTS_PER_ARTICLE: '0', RATE_COMMENT_INTERVAL_SECONDS: '0', RATE_REACTIONS_PER_DAY: '0', LOG_LEVEL: 'warn', ...REQUEST_LIMITS_OFF };

interface Measured extends LoadSummary {
  /** CPU time of the server process per measured request, in ms; null where /proc is missing. */
  cpuMs: number | null;
}

/** User + system CPU of a process so far, in ms, from /proc (Linux); null elsewhere. */
function cpuTimeMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

/** USER_HZ, the unit of /proc/<pid>/stat's times: 100 on Linux. */
const CLOCK_TICKS = 100;

async function measure(database: Record<string, string>): Promise<Measured> {
  const server = await startMain(await freePort(), { ...NO_LIMITS, ...database });
  try {
    const readers = [];
    for (let i = 0; i < READERS; i++) readers.push(await loginOnServer(server.base, i % 2 ? 'facebook' : 'twitter', `bench_reader_${i}`));
    // The same warm-up for both, so neither is timed while V8 still compiles the request path.
    await runMixedLoad({ base: server.base, readers, articles: ARTICLES, requests: WARM_UP, concurrency: CONCURRENCY, label: 'warm-up' });
    const cpuBefore = cpuTimeMs(server.pid);
    const summary = summarize(await runMixedLoad({ base: server.base, readers, articles: ARTICLES, requests: REQUESTS, concurrency: CONCURRENCY, label: 'measured' }));
    const cpuAfter = cpuTimeMs(server.pid);
    return { ...summary, cpuMs: cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / summary.requests };
  } finally {
    const code = await server.stop();
    if (code !== 0) process.stderr.write(`main.js exited with ${code}:\n${server.output().slice(-4000)}\n`);
  }
}

async function embedded(): Promise<Measured> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-embedded-'));
  try {
    return await measure({ EMBEDDED_DATA_DIR: dataDir });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function postgres(): Promise<Measured> {
  const db = await createBenchDatabase();
  try {
    return await measure({ DATABASE_URL: db.url });
  } finally {
    await db.drop();
  }
}

function row(name: string, s: Measured): string {
  return [
    name.padEnd(10),
    String(s.requests).padStart(8),
    s.seconds.toFixed(1).padStart(8),
    s.perSecond.toFixed(0).padStart(8),
    String(s.failures).padStart(13),
    s.p50.toFixed(0).padStart(8),
    s.p95.toFixed(0).padStart(8),
    (s.cpuMs === null ? '-' : s.cpuMs.toFixed(1)).padStart(18),
  ].join(' ');
}

async function main(): Promise<void> {
  console.log(`mixed load: ${REQUESTS} requests, ${CONCURRENCY} at a time, ${READERS} readers on ${ARTICLES.length} articles, after ${WARM_UP} to warm up`);
  console.log(`${'database'.padEnd(10)} ${'requests'.padStart(8)} ${'seconds'.padStart(8)} ${'req/s'.padStart(8)} ${'not 2xx/4xx'.padStart(13)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'server CPU ms/req'.padStart(18)}`);
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
