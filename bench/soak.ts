/**
 * `npm run soak`: the real server (`node dist/src/main.js` on a fresh
 * Postgres database) under mixed traffic for SOAK_MINUTES (default 10):
 * reads, posts, replies, reactions (bench/mixed-load.ts) and event streams
 * opened and closed all along. Prints the server's memory after a warm-up
 * and at the end (and each minute between), the requests, the errors (a 5xx
 * or no answer at all) and the p99.
 */
import * as fs from 'node:fs';
import { createBenchDatabase } from './bench-database';
import { runMixedLoad, serverFailures } from './mixed-load';
import { REQUEST_LIMITS_OFF } from '../src/common/rate-limits';
import { freePort } from '../test/helpers/free-port';
import { startMain } from '../test/helpers/main-process';
import { loginOnServer } from '../test/helpers/server-login';
import { SseClient } from '../test/helpers/sse';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const CONCURRENCY = 16;
const READERS = 8;
const BATCH = 1000;
const STREAMS = 20;
const ARTICLES = Array.from({ length: 10 }, (_, i) => `soak-${i}`);

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'))!;
  return Number(line.replace(/\D+/g, '')) / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0;
}

async function main(): Promise<void> {
  const db = await createBenchDatabase();
  const server = await startMain(await freePort(), {
    NODE_ENV: 'test',
    AUTH_SANDBOX: 'true',
    LOG_LEVEL: 'warn',
    DATABASE_URL: db.url,
    RATE_COMMENTS_PER_DAY: '0',
    RATE_COMMENTS_PER_ARTICLE: '0',
    RATE_COMMENT_INTERVAL_SECONDS: '0',
    RATE_REACTIONS_PER_DAY: '0',
    // One client machine is all the traffic here.
    ...REQUEST_LIMITS_OFF,
  });
  const streams = { opened: 0, frames: 0, failed: 0 };
  let stopping = false;
  try {
    const readers = [];
    for (let i = 0; i < READERS; i++) readers.push(await loginOnServer(server.base, i % 2 ? 'facebook' : 'twitter', `soak_reader_${i}`));

    // Streams come and go the whole time: each lives a few seconds, then another takes its place.
    const churn = async (slot: number) => {
      while (!stopping) {
        try {
          const s = await SseClient.open(`${server.base}/articles/${ARTICLES[slot % ARTICLES.length]}/events`);
          streams.opened++;
          if (s.status !== 200) streams.failed++;
          await new Promise((r) => setTimeout(r, 3000 + (slot % 5) * 1000));
          streams.frames += s.events().length;
          s.close();
        } catch {
          streams.failed++;
        }
      }
    };
    const streamers = Array.from({ length: STREAMS }, (_, i) => churn(i));

    await runMixedLoad({ base: server.base, readers, articles: ARTICLES, requests: BATCH, concurrency: CONCURRENCY, label: 'warm-up' });
    const startRss = rssMb(server.pid);
    console.log(`soak: ${MINUTES} min, ${CONCURRENCY} requests at a time, ${READERS} readers, ${STREAMS} streams reopened every 3-7 s`);
    console.log(`memory at start (after warm-up): ${startRss.toFixed(1)} MB RSS`);

    const started = Date.now();
    const endAt = started + MINUTES * 60_000;
    const latencies: number[] = [];
    let requests = 0;
    let errors = 0;
    let fiveHundreds = 0;
    let batch = 0;
    let nextReport = started + 60_000;
    const samples: string[] = [];
    while (Date.now() < endAt) {
      const result = await runMixedLoad({ base: server.base, readers, articles: ARTICLES, requests: BATCH, concurrency: CONCURRENCY, label: `soak-${batch++}` });
      requests += result.answers.length;
      for (const a of result.answers) latencies.push(a.ms);
      const failed = serverFailures(result.answers);
      errors += failed.length;
      fiveHundreds += result.answers.filter((a) => a.status >= 500).length;
      for (const f of failed.slice(0, 3)) console.log(`  error: ${f.method} ${f.path} ${f.status} ${f.body ?? ''}`.slice(0, 300));
      if (Date.now() >= nextReport) {
        nextReport += 60_000;
        const line = `  minute ${Math.round((Date.now() - started) / 60_000)}: ${requests} requests, ${errors} errors, ${rssMb(server.pid).toFixed(1)} MB RSS, ${streams.opened} streams opened`;
        samples.push(line);
        console.log(line);
      }
    }
    stopping = true;
    await Promise.all(streamers);
    const endRss = rssMb(server.pid);
    const seconds = (Date.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    console.log(`memory at end: ${endRss.toFixed(1)} MB RSS (${endRss >= startRss ? '+' : ''}${(endRss - startRss).toFixed(1)} MB since the start)`);
    console.log(`requests: ${requests} in ${seconds.toFixed(0)} s (${(requests / seconds).toFixed(0)}/s); errors: ${errors} (5xx: ${fiveHundreds})`);
    console.log(`latency ms: p50 ${percentile(latencies, 50).toFixed(1)}, p99 ${percentile(latencies, 99).toFixed(1)}, max ${latencies[latencies.length - 1]?.toFixed(1)}`);
    console.log(`streams: ${streams.opened} opened, ${streams.failed} failed, ${streams.frames} event frames received`);
  } finally {
    stopping = true;
    const code = await server.stop();
    if (code !== 0) console.log(`main.js exited with ${code}:\n${server.output().slice(-3000)}`);
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
