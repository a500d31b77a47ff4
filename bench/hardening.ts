/**
 * `npm run bench:hardening`: time to answer the requests and outages of
 * issue 12, rows 1, 2, 5 and 7, each against a baseline in the same run:
 * a one-field mistake (a plain 400) for the costly bodies, a healthy read
 * for the outages. Runs the app in-process on a Postgres of its own
 * (test/faults/own-postgres.ts), which it stops and freezes.
 */
import 'reflect-metadata';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config/config';
import { OwnPostgres } from '../test/faults/own-postgres';
import { freePort } from '../test/helpers/free-port';

/** Every request limit off: this client is all the traffic (the same names as src/common/rate-limits.ts). */
const LIMITS_OFF = {
  RATE_REQUESTS_PER_MINUTE_PER_IP: '0',
  RATE_REQUESTS_PER_MINUTE_PER_READER: '0',
  RATE_WRITES_PER_MINUTE_PER_IP: '0',
  RATE_WRITES_PER_MINUTE_PER_READER: '0',
  RATE_LOGINS_PER_MINUTE_PER_IP: '0',
  RATE_POLICY_CHECKS_PER_MINUTE: '0',
};
/** No answer within this is reported as such (an outage could otherwise hold the bench for ever). */
const GIVE_UP_MS = 40_000;

interface Timed {
  status: number | string;
  ms: number;
  bytes: number;
}

async function timed(url: string, init?: RequestInit): Promise<Timed> {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(GIVE_UP_MS) });
    const text = await res.text();
    return { status: res.status, ms: performance.now() - started, bytes: Buffer.byteLength(text) };
  } catch (error) {
    return { status: (error as Error).name === 'TimeoutError' ? `none in ${GIVE_UP_MS / 1000} s` : 'refused', ms: performance.now() - started, bytes: 0 };
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function line(label: string, t: Timed, baselineMs: number): void {
  console.log(`${label.padEnd(52)} ${String(t.status).padStart(16)} ${t.ms.toFixed(1).padStart(10)} ms ${String(t.bytes).padStart(10)} B   ${(t.ms / baselineMs).toFixed(1).padStart(8)}x`);
}

async function main(): Promise<void> {
  const pg = await OwnPostgres.start();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: pg.url, ...LIMITS_OFF });
  const app = await createApp(config);
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;
  const check = (body: string) => timed(`${base}/policy/check`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  try {
    console.log(`${'request'.padEnd(52)} ${'status'.padStart(16)} ${'time'.padStart(13)} ${'answer'.padStart(12)}   ${'/ baseline'.padStart(8)}`);
    // Warm-up, then the baseline: one unknown field.
    for (let i = 0; i < 20; i++) await check('{"body":"x","extra":0}');
    const plain: Timed[] = [];
    for (let i = 0; i < 20; i++) plain.push(await check('{"body":"x","extra":0}'));
    const plainMs = median(plain.map((t) => t.ms));
    line('baseline: one unknown field (400), median of 20', { ...plain[0], ms: plainMs }, plainMs);

    const wide = `{"body":"x",${Array.from({ length: 80_000 }, (_, i) => `"k${i}":0`).join(',')}}`;
    const wideAnswer = check(wide);
    // What everyone else waits meanwhile: /health/live sent just after the costly body.
    await new Promise((r) => setTimeout(r, 50));
    const live = await timed(`${base}/health/live`);
    line('row 1: 80,000 unknown keys (0.9 MB)', await wideAnswer, plainMs);
    line('row 1: /health/live while it is answered', live, plainMs);

    const depth = 499_000;
    line(`row 2: an array nested ${depth.toLocaleString('en')} deep`, await check(`{"body":"x","n":${'['.repeat(depth)}${']'.repeat(depth)}}`), plainMs);

    const reads: Timed[] = [];
    for (let i = 0; i < 20; i++) reads.push(await timed(`${base}/articles/bench/comments`));
    const readMs = median(reads.map((t) => t.ms));
    line('baseline: a list read, database up, median of 20', { ...reads[0], ms: readMs }, readMs);

    pg.freeze();
    try {
      line('row 5: database frozen: /health/ready', await timed(`${base}/health/ready`), readMs);
      line('row 5: database frozen: a list read', await timed(`${base}/articles/bench/comments`), readMs);
    } finally {
      pg.thaw();
    }
    for (let i = 0; i < 100 && (await timed(`${base}/health/ready`)).status !== 200; i++) await new Promise((r) => setTimeout(r, 200));

    await pg.down();
    const stopped: Timed[] = [];
    for (let i = 0; i < 10; i++) stopped.push(await timed(`${base}/articles/bench/comments`));
    line('row 7: database stopped: a list read, first', stopped[0], readMs);
    line('row 7: database stopped: a list read, median of 10', { ...stopped[5], ms: median(stopped.map((t) => t.ms)) }, readMs);
    await pg.up();
  } finally {
    await app.close().catch(() => undefined);
    await pg.destroy();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
