/**
 * The floor: what the service's cheapest routes serve beside a plain node:http
 * server doing the same work (a JSON answer; one primary-key SELECT through pg),
 * measured in one run with autocannon. Each server runs in its own process so
 * that the load generator does not share its event loop.
 *
 *   npm run bench:floor            (BENCH_SECONDS=10 BENCH_CONNECTIONS=32 to change)
 */
import { ChildProcess, fork } from 'node:child_process';
import * as http from 'node:http';
import autocannon from 'autocannon';
import { Pool } from 'pg';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config/config';
import { REQUEST_LIMITS_OFF } from '../src/common/rate-limits';
import { createBenchDatabase } from './bench-database';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const ARTICLE = '2000-11-25-it-accord';

async function servePlain(databaseUrl: string): Promise<number> {
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  const server = http.createServer(async (req, res) => {
    if (req.url === '/health/live') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ status: 'ok' }));
      return;
    }
    const m = /^\/articles\/([A-Za-z0-9_.:-]{1,128})$/.exec(req.url ?? '');
    if (m) {
      const { rows } = await pool.query('SELECT id, url, title, comments_open, moderation, comment_count FROM articles WHERE id = $1', [m[1]]);
      const a = rows[0];
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(a ? { id: a.id, url: a.url, title: a.title, commentsOpen: a.comments_open, moderation: a.moderation, commentCount: a.comment_count } : { id: m[1] }));
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

async function serveNest(databaseUrl: string): Promise<number> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: databaseUrl, ...REQUEST_LIMITS_OFF });
  const app = await createApp(config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  return (app.getHttpServer().address() as { port: number }).port;
}

function startServer(kind: 'plain' | 'nest', databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ['serve', kind, databaseUrl], { stdio: 'inherit' });
    child.once('message', (m: { port: number }) => resolve({ child, port: m.port }));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

async function load(url: string): Promise<number> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, pipelining: 1 });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

async function main(): Promise<void> {
  if (process.argv[2] === 'serve') {
    const kind = process.argv[3];
    const port = kind === 'plain' ? await servePlain(process.argv[4]) : await serveNest(process.argv[4]);
    process.send!({ port });
    return;
  }
  const db = await createBenchDatabase();
  const seed = new Pool({ connectionString: db.url, max: 1 });
  await seed.query(`INSERT INTO articles (id, url, title, comment_count) VALUES ($1, 'https://news.example.com/a', 'IT accord', 12)`, [ARTICLE]);
  await seed.end();
  const rows: { route: string; plain: number; nest: number }[] = [];
  try {
    for (const route of ['/health/live', `/articles/${ARTICLE}`]) {
      const plain = await startServer('plain', db.url);
      await load(`http://127.0.0.1:${plain.port}${route}`); // warm-up pass, discarded
      const plainRps = await load(`http://127.0.0.1:${plain.port}${route}`);
      plain.child.kill();
      const nest = await startServer('nest', db.url);
      await load(`http://127.0.0.1:${nest.port}${route}`);
      const nestRps = await load(`http://127.0.0.1:${nest.port}${route}`);
      nest.child.kill();
      rows.push({ route, plain: plainRps, nest: nestRps });
    }
  } finally {
    await db.drop();
  }
  console.log(`\nbench:floor — ${CONNECTIONS} connections, ${SECONDS} s per run after a warm-up run, requests/s (mean)`);
  console.log('route'.padEnd(36) + 'node:http'.padStart(12) + 'service'.padStart(12) + 'ratio'.padStart(8));
  for (const r of rows) {
    console.log(r.route.padEnd(36) + r.plain.toFixed(0).padStart(12) + r.nest.toFixed(0).padStart(12) + (r.nest / r.plain).toFixed(2).padStart(8));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
