/**
 * npm run bench: the service at scale on real Postgres, against a
 * frameworkless baseline running the same SQL, in one run (docs/scaling.md
 * reads its figures). Seeds 10,000 articles, one hot article with 1,000,000
 * comments and replies, 20,000 readers with sessions; then S1–S8 on the
 * built service, S1/S2/S5 on the baseline, S1/S5 on the embedded database.
 * Prints a table, writes bench/results/scale.json and scale.svg, and exits
 * non-zero if any scenario had an error.
 *
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=32 npm run bench
 *   BENCH_ONLY=S1,S5 (scenario names' first word), BENCH_ARTICLES, BENCH_HOT_COMMENTS, BENCH_READERS
 *   BENCH_EMBEDDED=0 skips the embedded database; BENCH_SUBSCRIBERS=1000 for S7
 */
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { encodeCursor } from '../../src/comments/cursor';
import { REQUEST_LIMITS_OFF } from '../../src/common/rate-limits';
import { projectRoot } from '../../src/config/project-root';
import { freePort } from '../../test/helpers/free-port';
import { startMain, type MainProcess } from '../../test/helpers/main-process';
import { loginOnServer } from '../../test/helpers/server-login';
import { createBenchDatabase } from '../bench-database';
import { drive, type Measured, type RequestSpec } from './load';
import { chart } from './chart';
import { newSecret, seed, type BenchReader, type Seeded } from './seed';
import { sseDelay } from './sse-delay';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const POOL = Number(process.env.BENCH_POOL ?? 20);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const SIZE = {
  articles: Number(process.env.BENCH_ARTICLES ?? 10_000),
  hotComments: Number(process.env.BENCH_HOT_COMMENTS ?? 1_000_000),
  readers: Number(process.env.BENCH_READERS ?? 20_000),
};
/** Flood limits off: a few thousand readers post many times a minute. */
// One client machine drives every reader: the per-IP request limits (issue 12) would measure themselves.
const NO_LIMITS = { ...REQUEST_LIMITS_OFF, RATE_COMMENTS_PER_DAY: '0', RATE_COMMENTS_PER_ARTICLE: '0', RATE_COMMENT_INTERVAL_SECONDS: '0', RATE_REACTIONS_PER_DAY: '0', LOG_LEVEL: 'warn' };
/** Cursor hops for S2: 10,000 pages of 20 deep. */
const S2_PAGES = Number(process.env.BENCH_S2_PAGES ?? 10_000);

/**
 * User + system CPU of a process so far, in ms (Linux /proc; null elsewhere).
 * On a shared 2-core machine requests/s swing with whatever else runs;
 * CPU per request is the steadier measure of what each server costs.
 */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

interface Row extends Measured {
  target: 'service' | 'baseline' | 'embedded';
  /** The server process's CPU per request during the measured run, in ms. */
  cpuPerRequest?: number | null;
  /** The baseline scenario this one is compared with. */
  vs?: string;
}

const wanted = (name: string) => !ONLY || ONLY.has(name.split(' ')[0]);
let serial = 0;

function poster(readers: BenchReader[], article: () => string, base: string): () => RequestSpec {
  let i = 0;
  return () => {
    const r = readers[i++ % readers.length];
    serial++;
    return {
      method: 'POST',
      path: `/articles/${article()}/comments`,
      headers: { cookie: r.cookie, 'x-csrf-token': r.csrfToken, origin: base, 'content-type': 'application/json' },
      // The serial scrambled too: flood.duplicate reads long repeats as two ("1000" as "100"), so a plain counter repeats a body.
      body: JSON.stringify({ body: `Reader note ${serial} (${((serial * 2654435761) >>> 0).toString(36)}) from run ${process.pid}: the council vote moved to Thursday.` }),
    };
  };
}

let serverPid: number | undefined;

async function run(rows: Row[], target: Row['target'], base: string, name: string, next: () => RequestSpec, expect: number[], vs?: string, connections = CONNECTIONS): Promise<void> {
  if (!wanted(name)) return;
  // A warm-up pass, discarded, so V8 has compiled the path before it is timed.
  await drive(`${name} (warm-up)`, base, { seconds: Math.min(3, SECONDS), connections, next, expect });
  const before = cpuMs(serverPid);
  const m = await drive(name, base, { seconds: SECONDS, connections, next, expect });
  const after = cpuMs(serverPid);
  const cpuPerRequest = before !== null && after !== null && m.requests ? Number(((after - before) / m.requests).toFixed(2)) : null;
  rows.push({ ...m, target, vs, cpuPerRequest });
  process.stderr.write(`  ${target} ${name}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.errors} errors, ${cpuPerRequest} ms CPU/request ${m.samples.join(' | ')}\n`);
}

async function warmUp(base: string, paths: string[]): Promise<void> {
  let i = 0;
  await drive('warm-up', base, { seconds: Math.min(8, SECONDS), connections: CONNECTIONS, next: () => ({ path: paths[i++ % paths.length] }), expect: [200] });
}

function startBaseline(url: string, secret: string): Promise<{ child: ChildProcess; base: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(__dirname, 'baseline.js'), [url, secret, String(POOL)], { stdio: 'inherit' });
    child.once('message', (m: { port: number }) => resolve({ child, base: `http://127.0.0.1:${m.port}` }));
    child.once('exit', (code) => reject(new Error(`baseline exited with ${code}`)));
  });
}

/** The kept counters must still equal the rows after every post of the run. */
async function countsExact(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    // One pass over the comments (no index leads from article_id to replies): the public ones per article.
    const { rows } = await c.query(
      `WITH c AS (
         SELECT c.article_id,
                count(*) FILTER (WHERE c.status = 'published' AND (t.id IS NULL OR t.status IN ('published', 'deleted'))) AS n,
                count(*) FILTER (WHERE c.status = 'published' AND c.parent_id IS NULL) AS top
           FROM comments c LEFT JOIN comments t ON t.id = c.parent_id GROUP BY c.article_id)
       SELECT count(*)::int AS n FROM articles a LEFT JOIN c ON c.article_id = a.id
        WHERE a.comment_count <> coalesce(c.n, 0) OR a.top_level_count <> coalesce(c.top, 0)`,
    );
    return rows[0].n;
  } finally {
    await c.end();
  }
}

async function onPostgres(rows: Row[]): Promise<{ exactCounts: number; s7?: Awaited<ReturnType<typeof sseDelay>> }> {
  const secret = newSecret();
  const db = await createBenchDatabase();
  let server: MainProcess | undefined;
  let s7: Awaited<ReturnType<typeof sseDelay>> | undefined;
  try {
    process.stderr.write(`seeding ${JSON.stringify(SIZE)}\n`);
    const s: Seeded = await seed(db.url, SIZE, secret);
    const c = new Client({ connectionString: db.url });
    await c.connect();
    // S2's cursor: the last comment of page S2_PAGES, newest first (as the service's own cursor would say).
    const deep = (
      await c.query(`SELECT created_at::text AS t, id FROM comments WHERE article_id = $1 AND parent_id IS NULL ORDER BY created_at DESC, id DESC OFFSET $2 LIMIT 1`, [
        s.hot,
        Math.min(S2_PAGES * 20, Math.ceil(SIZE.hotComments * 0.9) - 21),
      ])
    ).rows[0];
    const deepCursor = encodeCursor(`${s.hot}:newest`, { t: deep.t, id: deep.id });
    // S3: the first thousand readers have reacted to the hot article's first page.
    const firstPage = (await c.query(`SELECT id FROM comments WHERE article_id = $1 AND parent_id IS NULL ORDER BY created_at DESC, id DESC LIMIT 20`, [s.hot])).rows.map((r) => r.id);
    await c.query(
      `INSERT INTO comment_reactions (comment_id, user_id, value) SELECT x, u.id, 'agree' FROM unnest($1::uuid[]) x, (SELECT md5('reader' || g)::uuid AS id FROM generate_series(1, 1000) g) u`,
      [firstPage],
    );
    await c.query(`UPDATE comments SET agree_count = agree_count + 1000 WHERE id = ANY($1::uuid[])`, [firstPage]);
    await c.end();

    // BENCH_PROFILE=1: a V8 CPU profile of the service for the whole run, under bench/results/profile.
    const profile = process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', `--cpu-prof-dir=${path.join(projectRoot(), 'bench/results/profile')}`] : [];
    server = await startMain(
      await freePort(),
      { ...NO_LIMITS, DATABASE_URL: db.url, SESSION_SECRET: secret, DATABASE_POOL_MAX: String(POOL), NODE_ENV: 'production', AUTH_SANDBOX: 'false' },
      { readyMs: 120_000, nodeArgs: profile },
    );
    const base = server.base;
    serverPid = server.pid;
    const list = `/articles/${s.hot}/comments`;
    // A fresh process compiles its request path during its first seconds: warm every route the run uses, untimed.
    await warmUp(base, [list, `/articles/${s.small}/comments`, `${list}?cursor=${deepCursor}`]);
    await run(rows, 'service', base, 'S1 first page, hot article', () => ({ path: list }), [200], 'S1');
    await run(rows, 'service', base, 'S1s first page, 1,000-comment article', () => ({ path: `/articles/${s.small}/comments` }), [200], 'S1');
    await run(rows, 'service', base, `S2 page ${S2_PAGES.toLocaleString('en')} cursor hops deep`, () => ({ path: `${list}?cursor=${deepCursor}` }), [200], 'S2');
    let r3 = 0;
    await run(rows, 'service', base, 'S3 first page, logged-in reader', () => {
      const r = s.readers[r3++ % 1000];
      return { path: list, headers: { cookie: r.cookie } };
    }, [200]);
    const hundred = s.articles.slice(0, 100).join(',');
    await run(rows, 'service', base, 'S4 counts of 100 articles', () => ({ path: `/articles/counts?ids=${hundred}` }), [200]);
    const etag = (await fetch(`${base}${list}`)).headers.get('etag')!;
    await run(rows, 'service', base, 'S8 S1 with If-None-Match (304)', () => ({ path: list, headers: { 'if-none-match': etag } }), [304]);
    let r6 = 0;
    await run(rows, 'service', base, 'S6 reactions', () => {
      const i = r6++;
      const r = s.readers[i % s.readers.length];
      return {
        method: 'PUT',
        path: `/comments/${firstPage[i % firstPage.length]}/reaction`,
        headers: { cookie: r.cookie, 'x-csrf-token': r.csrfToken, origin: base, 'content-type': 'application/json' },
        body: JSON.stringify({ value: (i >> 5) % 2 ? 'agree' : 'disagree' }),
      };
    }, [200]);
    let a = 0;
    await run(rows, 'service', base, 'S5 posts, spread over articles', poster(s.readers, () => s.articles[a++ % s.articles.length], base), [201], 'S5');
    await run(rows, 'service', base, 'S5h posts, all on the hot article', poster(s.readers, () => s.hot, base), [201]);
    if (wanted('S7')) {
      const author = s.readers[s.readers.length - 1];
      s7 = await sseDelay(base, s.hot, SUBSCRIBERS, 30, async (i) => {
        const res = await fetch(`${base}${list}`, {
          method: 'POST',
          headers: { cookie: author.cookie, 'x-csrf-token': author.csrfToken, origin: base, 'content-type': 'application/json' },
          body: JSON.stringify({ body: `Live update ${i} from run ${process.pid}.` }),
        });
        return ((await res.json()) as { id: string }).id;
      });
      const missing = s7.subscribers * s7.posts - s7.delivered;
      rows.push({ name: `S7 ${s7.subscribers} subscribers, POST to frame`, target: 'service', rps: 0, p50: s7.p50, p99: s7.p99, errors: missing + (s7.subscribers - s7.connected), requests: s7.delivered, samples: [] });
      process.stderr.write(`  service S7: ${s7.connected}/${s7.subscribers} connected, ${s7.delivered} deliveries, p50 ${s7.p50} ms, p99 ${s7.p99} ms\n`);
    }
    await server.stop();
    server = undefined;

    const baseline = await startBaseline(db.url, secret);
    serverPid = baseline.child.pid;
    try {
      await warmUp(baseline.base, [list, `${list}?cursor=${deepCursor}`]);
      await run(rows, 'baseline', baseline.base, 'S1 first page, hot article', () => ({ path: list }), [200]);
      await run(rows, 'baseline', baseline.base, `S2 page ${S2_PAGES.toLocaleString('en')} cursor hops deep`, () => ({ path: `${list}?cursor=${deepCursor}` }), [200]);
      let b = 0;
      await run(rows, 'baseline', baseline.base, 'S5 posts, spread over articles', poster(s.readers, () => s.articles[b++ % s.articles.length], baseline.base), [201]);
    } finally {
      baseline.child.kill();
    }
    const exactCounts = await countsExact(db.url);
    return { exactCounts, s7 };
  } finally {
    if (server) await server.stop();
    await db.drop();
  }
}

/** S1 and S5 on the embedded database (one connection: concurrency 16, as bench:embedded). */
async function onEmbedded(rows: Row[]): Promise<void> {
  if (process.env.BENCH_EMBEDDED === '0' || (!wanted('S1') && !wanted('S5'))) return;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-scale-embedded-'));
  const server = await startMain(await freePort(), { ...NO_LIMITS, EMBEDDED_DATA_DIR: dataDir });
  serverPid = server.pid;
  try {
    const readers: BenchReader[] = [];
    for (let i = 0; i < 16; i++) {
      const r = await loginOnServer(server.base, 'twitter', `bench_embedded_${i}`);
      readers.push({ id: r.user.id, cookie: r.cookie, csrfToken: r.csrfToken });
    }
    const article = 'bench-embedded';
    for (let i = 0; i < 200; i++) {
      const spec = poster(readers, () => article, server.base)();
      await fetch(`${server.base}${spec.path}`, { method: 'POST', headers: spec.headers, body: spec.body });
    }
    await run(rows, 'embedded', server.base, 'S1 first page (200 comments)', () => ({ path: `/articles/${article}/comments` }), [200], 'S1', 16);
    await run(rows, 'embedded', server.base, 'S5 posts, one article', poster(readers, () => article, server.base), [201], 'S5', 16);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function table(rows: Row[]): string {
  const base = (key?: string) => rows.find((r) => r.target === 'baseline' && key !== undefined && r.name.startsWith(`${key} `));
  const lines = [
    `npm run bench — ${CONNECTIONS} connections, ${SECONDS} s per scenario after a ${Math.min(3, SECONDS)} s warm-up; ${os.cpus().length} cores shared with other work, so figures are noisy`,
    `${'target'.padEnd(9)} ${'scenario'.padEnd(44)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'errors'.padStart(7)} ${'vs baseline'.padStart(12)} ${'CPU ms/req'.padStart(11)} ${'CPU vs base'.padStart(12)}`,
  ];
  for (const r of rows) {
    const b = r.target === 'baseline' ? undefined : base(r.vs);
    const ratio = b && r.rps ? (r.rps / b.rps).toFixed(2) : '';
    // Baseline CPU over ours: 1.00 would be as cheap as the baseline (comparable to the req/s ratio).
    const cpuRatio = b?.cpuPerRequest && r.cpuPerRequest ? (b.cpuPerRequest / r.cpuPerRequest).toFixed(2) : '';
    lines.push(
      `${r.target.padEnd(9)} ${r.name.padEnd(44)} ${r.rps ? r.rps.toFixed(0).padStart(8) : '—'.padStart(8)} ${String(r.p50).padStart(7)} ${String(r.p99).padStart(7)} ${String(r.errors).padStart(7)} ${ratio.padStart(12)} ${String(r.cpuPerRequest ?? '').padStart(11)} ${cpuRatio.padStart(12)}`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const pg = await onPostgres(rows);
  await onEmbedded(rows);
  const find = (target: Row['target'], key: string) => rows.find((r) => r.target === target && r.name.startsWith(`${key} `));
  const ratio = (x?: Row, y?: Row) => (x && y && y.rps ? Number((x.rps / y.rps).toFixed(2)) : null);
  const checks = {
    's1/baseline': ratio(find('service', 'S1'), find('baseline', 'S1')),
    's2/baseline': ratio(find('service', 'S2'), find('baseline', 'S2')),
    's2 p50 / s1 p50': find('service', 'S2') && find('service', 'S1') ? Number((find('service', 'S2')!.p50 / Math.max(1, find('service', 'S1')!.p50)).toFixed(2)) : null,
    's1 1,000-comment / hot': ratio(find('service', 'S1s'), find('service', 'S1')),
    's5/baseline': ratio(find('service', 'S5'), find('baseline', 'S5')),
    's5 hot / spread': ratio(find('service', 'S5h'), find('service', 'S5')),
    's8/s1': ratio(find('service', 'S8'), find('service', 'S1')),
    'articles whose counts differ from their rows': pg.exactCounts,
  };
  if (pg.exactCounts) rows.push({ name: 'counts exact after the run', target: 'service', rps: 0, p50: 0, p99: 0, errors: pg.exactCounts, requests: 0, samples: [] });
  const out = path.join(projectRoot(), 'bench/results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'scale.json'), JSON.stringify({ at: new Date().toISOString(), seconds: SECONDS, connections: CONNECTIONS, size: SIZE, cpus: os.cpus().length, checks, rows }, null, 2) + '\n');
  fs.writeFileSync(path.join(out, 'scale.svg'), chart(rows));
  console.log(table(rows));
  console.log('\n' + Object.entries(checks).map(([k, v]) => `${k}: ${v}`).join('\n'));
  console.log(`\nwrote bench/results/scale.json and bench/results/scale.svg`);
  const failed = rows.filter((r) => r.errors > 0);
  if (failed.length) {
    console.error(`errors in: ${failed.map((r) => `${r.target} ${r.name} (${r.errors})`).join(', ')}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
