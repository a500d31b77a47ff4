import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { EXPECTED_STATUS, LoadAnswer, runMixedLoad, serverFailures } from '../bench/mixed-load';
import { freePort } from './helpers/free-port';
import { MainProcess, startMain } from './helpers/main-process';
import { REQUEST_LIMITS_OFF } from '../src/common/rate-limits';
import { ServerSession, loginOnServer } from './helpers/server-login';

/**
 * What a newcomer runs: `node dist/src/main.js` with no DATABASE_URL, so the
 * embedded database (PGlite behind one wire server) serves every request.
 * Overlapping requests must wait their turn, never fail, and never see each
 * other's half-done work.
 */
describe('the embedded database under overlapping requests (the real main.js)', () => {
  let dataDir: string;
  let server: MainProcess | undefined;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'embedded-concurrency-'));
    server = await startMain(await freePort(), {
      EMBEDDED_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      // Flood limits off: one reader posts and reacts many times a second here.
      RATE_COMMENTS_PER_DAY: '0',
      RATE_COMMENTS_PER_ARTICLE: '0',
      RATE_COMMENT_INTERVAL_SECONDS: '0',
      RATE_REACTIONS_PER_DAY: '0',
      // One client is all the traffic: the request limits would refuse it (they have their own spec).
      ...REQUEST_LIMITS_OFF,
    });
  }, 90_000);

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('says on its first line that it uses the embedded database, and where its files are', () => {
    const first = JSON.parse(server!.output().split('\n')[0]) as { msg: string; dataDir: string };
    expect(first.msg).toContain('embedded database (PGlite)');
    expect(first.dataDir).toBe(dataDir);
  });

  it("answers the issue's 8 concurrent comment lists with 200, round after round", async () => {
    const rounds: number[][] = [];
    for (let round = 0; round < 5; round++) {
      rounds.push(await Promise.all(Array.from({ length: 8 }, (_, i) => fetch(`${server!.base}/articles/a${i + 1}/comments`).then((r) => r.status))));
    }
    expect(rounds).toEqual(Array.from({ length: 5 }, () => Array(8).fill(200)));
  });

  it('serves 240 mixed requests 16 at a time with no server error, and every kept count equals the rows', async () => {
    const readers: ServerSession[] = [];
    for (let i = 0; i < 6; i++) readers.push(await loginOnServer(server!.base, i % 2 ? 'facebook' : 'twitter', `load_reader_${i}`));
    const articles = ['emb-a1', 'emb-a2', 'emb-a3', 'emb-a4'];

    const load = await runMixedLoad({ base: server!.base, readers, articles, requests: 240, concurrency: 16 });

    expect(load.answers).toHaveLength(240);
    expect(describe5xx(serverFailures(load.answers), server!)).toBe('none');
    // Stronger than "no 5xx": each request got the answer a correct server gives it.
    expect(describeUnexpected(load.answers)).toBe('none');
    expect(load.posted.length).toBeGreaterThan(50);
    expect(load.answers.filter((a) => a.op === 'react' || a.op === 'unreact').length).toBeGreaterThan(40);

    const seen = await countThroughTheApi(server!.base, articles, readers);
    expect(seen.mismatches).toEqual([]);
    expect(seen.reactions).toBeGreaterThan(0);
    // Every comment the load was told it published is listed, and nothing else.
    expect([...seen.publishedIds].sort()).toEqual(load.posted.filter((c) => c.status === 'published').map((c) => c.id).sort());

    expect(await server!.stop()).toBe(0);
    server = undefined;
    expect(await countTheRows(dataDir)).toEqual({ mismatches: [], comments: load.posted.length, reactions: seen.reactions });
  }, 180_000);
});

function describe5xx(failures: LoadAnswer[], server: MainProcess): string {
  if (!failures.length) return 'none';
  const errors = server
    .output()
    .split('\n')
    .filter((l) => l.includes('"level":"error"'))
    .slice(0, 5);
  return [
    `${failures.length} answers were neither 2xx nor 4xx:`,
    ...failures.map((f) => `  ${f.status} ${f.method} ${f.path} ${f.body ?? ''}`),
    'first server errors:',
    ...errors,
  ].join('\n');
}

function describeUnexpected(answers: LoadAnswer[]): string {
  const odd = answers.filter((a) => !EXPECTED_STATUS[a.op].includes(a.status));
  return odd.length ? odd.map((a) => `${a.op}: ${a.status} ${a.method} ${a.path} ${a.body ?? ''}`).join('\n') : 'none';
}

interface ListedComment {
  id: string;
  status: string;
  agreeCount: number;
  disagreeCount: number;
  replyCount: number;
  myReaction: 'agree' | 'disagree' | null;
}

async function getJson<T>(base: string, urlPath: string, cookie?: string): Promise<T> {
  const res = await fetch(base + urlPath, { headers: cookie ? { cookie } : {} });
  if (res.status !== 200) throw new Error(`GET ${urlPath} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every page of a list. */
async function walk(base: string, first: string, cookie?: string): Promise<{ items: ListedComment[]; total: number }> {
  const items: ListedComment[] = [];
  let total = -1;
  for (let cursor: string | null = null; ; ) {
    const sep = first.includes('?') ? '&' : '?';
    const page: { items: ListedComment[]; nextCursor: string | null; total: number } = await getJson(base, `${first}${sep}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, cookie);
    items.push(...page.items);
    total = page.total;
    if (!page.nextCursor) return { items, total };
    cursor = page.nextCursor;
  }
}

/**
 * The counts the API reports (article commentCount, list totals, the counts
 * endpoint, each comment's replyCount and agree/disagree counts) against what
 * the lists themselves hold: every comment as the public sees it, and every
 * reader's own reaction as that reader sees it.
 */
async function countThroughTheApi(
  base: string,
  articles: string[],
  readers: ServerSession[],
): Promise<{ mismatches: string[]; publishedIds: Set<string>; reactions: number }> {
  const mismatches: string[] = [];
  const publishedIds = new Set<string>();
  const byId = new Map<string, ListedComment>();
  const counts = (await getJson<{ counts: Record<string, number> }>(base, `/articles/counts?ids=${articles.join(',')}`)).counts;
  // Read-only by now, so the walks may overlap: it only saves time.
  await Promise.all(
    articles.map(async (articleId) => {
      const article = await getJson<{ commentCount: number }>(base, `/articles/${articleId}`);
      const top = await walk(base, `/articles/${articleId}/comments?sort=oldest`);
      if (top.total !== top.items.length) mismatches.push(`${articleId}: list total ${top.total}, listed ${top.items.length}`);
      let published = 0;
      for (const c of top.items) {
        byId.set(c.id, c);
        if (c.status === 'published') (published++, publishedIds.add(c.id));
        const replies = await walk(base, `/comments/${c.id}/replies`);
        if (c.replyCount !== replies.items.length) mismatches.push(`${c.id}: replyCount ${c.replyCount}, replies listed ${replies.items.length}`);
        if (replies.total !== replies.items.length) mismatches.push(`${c.id}: replies total ${replies.total}, listed ${replies.items.length}`);
        for (const r of replies.items) {
          byId.set(r.id, r);
          if (r.status === 'published') (published++, publishedIds.add(r.id));
        }
      }
      if (article.commentCount !== published) mismatches.push(`${articleId}: commentCount ${article.commentCount}, published listed ${published}`);
      if (counts[articleId] !== published) mismatches.push(`${articleId}: /articles/counts says ${counts[articleId]}, published listed ${published}`);
    }),
  );

  const agree = new Map<string, number>();
  const disagree = new Map<string, number>();
  let reactions = 0;
  await Promise.all(
    readers.map(async (reader) => {
      for (const articleId of articles) {
        const top = await walk(base, `/articles/${articleId}/comments`, reader.cookie);
        const all = [...top.items];
        for (const c of top.items) all.push(...(await walk(base, `/comments/${c.id}/replies`, reader.cookie)).items);
        for (const c of all) {
          if (c.myReaction === 'agree') agree.set(c.id, (agree.get(c.id) ?? 0) + 1);
          if (c.myReaction === 'disagree') disagree.set(c.id, (disagree.get(c.id) ?? 0) + 1);
          if (c.myReaction) reactions++;
        }
      }
    }),
  );
  for (const c of byId.values()) {
    if (c.agreeCount !== (agree.get(c.id) ?? 0)) mismatches.push(`${c.id}: agreeCount ${c.agreeCount}, readers agreeing ${agree.get(c.id) ?? 0}`);
    if (c.disagreeCount !== (disagree.get(c.id) ?? 0)) mismatches.push(`${c.id}: disagreeCount ${c.disagreeCount}, readers disagreeing ${disagree.get(c.id) ?? 0}`);
  }
  return { mismatches, publishedIds, reactions };
}

/** The same counts in SQL, on the data directory itself once the server has stopped. */
async function countTheRows(dataDir: string): Promise<{ mismatches: string[]; comments: number; reactions: number }> {
  const db = await PGlite.create({ dataDir });
  try {
    const mismatches: string[] = [];
    const articles = await db.query<{ id: string; comment_count: number; top_level_count: number; published: number; top_level: number }>(
      `SELECT a.id, a.comment_count, a.top_level_count,
              (SELECT count(*)::int FROM comments c WHERE c.article_id = a.id AND c.status = 'published') AS published,
              (SELECT count(*)::int FROM comments c WHERE c.article_id = a.id AND c.status = 'published' AND c.parent_id IS NULL) AS top_level
         FROM articles a`,
    );
    for (const a of articles.rows) {
      if (a.comment_count !== a.published || a.top_level_count !== a.top_level) mismatches.push(`article ${JSON.stringify(a)}`);
    }
    const comments = await db.query<{ id: string; reply_count: number; replies: number; agree_count: number; agrees: number; disagree_count: number; disagrees: number }>(
      `SELECT c.id, c.reply_count, c.agree_count, c.disagree_count,
              (SELECT count(*)::int FROM comments r WHERE r.parent_id = c.id AND r.status = 'published') AS replies,
              (SELECT count(*)::int FROM comment_reactions x WHERE x.comment_id = c.id AND x.value = 'agree') AS agrees,
              (SELECT count(*)::int FROM comment_reactions x WHERE x.comment_id = c.id AND x.value = 'disagree') AS disagrees
         FROM comments c`,
    );
    for (const c of comments.rows) {
      if (c.reply_count !== c.replies || c.agree_count !== c.agrees || c.disagree_count !== c.disagrees) mismatches.push(`comment ${JSON.stringify(c)}`);
    }
    const [{ n: reactions }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM comment_reactions')).rows;
    return { mismatches, comments: comments.rows.length, reactions };
  } finally {
    await db.close();
  }
}
