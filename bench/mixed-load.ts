/**
 * The mixed load of readers on a running server, shared by the embedded
 * database's e2e test and bench:embedded so that the test proves correct what
 * the bench times. Requests go out `concurrency` at a time until `requests`
 * have answered; which request comes next depends only on its index, so two
 * runs (the embedded database, then Postgres) send the same sequence.
 */

export interface LoadReader {
  cookie: string;
  csrfToken: string;
  user: { id: string };
}

export type LoadOp = 'list' | 'list-as-reader' | 'post' | 'reply' | 'react' | 'unreact' | 'replies' | 'counts' | 'article' | 'reply-to-unknown' | 'bad-cursor';

/**
 * One cycle of twenty: 4 lists, 4 posts, 2 replies, 4 reaction changes, 2
 * reply lists, an article and a counts read, and two refusals (a reply to a
 * comment that does not exist is a 404 thrown inside the posting transaction,
 * so rollbacks happen under load too; a forged cursor is a 400).
 */
const CYCLE: LoadOp[] = [
  'list', 'post', 'react', 'list-as-reader', 'reply', 'react', 'counts', 'post', 'replies', 'unreact',
  'list', 'post', 'react', 'reply-to-unknown', 'list-as-reader', 'reply', 'article', 'post', 'replies', 'bad-cursor',
];

/** What each kind of request may answer when the server is right. */
export const EXPECTED_STATUS: Record<LoadOp, number[]> = {
  list: [200],
  'list-as-reader': [200],
  post: [201, 202],
  reply: [201, 202],
  react: [200],
  unreact: [200],
  replies: [200],
  counts: [200],
  article: [200],
  'reply-to-unknown': [404],
  'bad-cursor': [400],
};

export interface LoadAnswer {
  op: LoadOp;
  method: string;
  path: string;
  /** 0 when no HTTP answer came (connection refused or reset). */
  status: number;
  ms: number;
  /** The body, kept only when the status is not the expected one. */
  body?: string;
}

export interface PostedComment {
  id: string;
  articleId: string;
  parentId: string | null;
  status: string;
}

export interface MixedLoadResult {
  answers: LoadAnswer[];
  seconds: number;
  /** Every comment a post or reply answered 201/202 with. */
  posted: PostedComment[];
}

export interface MixedLoadOptions {
  base: string;
  readers: LoadReader[];
  articles: string[];
  requests: number;
  concurrency: number;
  /** Different runs against one database need different texts: the duplicate rule refuses a reader's repeat. */
  label?: string;
}

const WORDS = ['budget', 'council', 'harbour', 'rail', 'schools', 'housing', 'river', 'library', 'tariff', 'clinic', 'bridge', 'festival'];

function bodyFor(i: number, label: string): string {
  // Distinct words as well as a distinct number, so no two texts share a fingerprint.
  return `${label} reader note ${i}: the ${WORDS[i % WORDS.length]} plan and the ${WORDS[(i * 7 + 3) % WORDS.length]} vote deserve a closer look.`;
}

export async function runMixedLoad(options: MixedLoadOptions): Promise<MixedLoadResult> {
  const { base, readers, articles, requests, concurrency } = options;
  const label = options.label ?? 'load';
  const answers: LoadAnswer[] = [];
  const posted: PostedComment[] = [];
  // What later requests aim at: only published comments take replies and reactions.
  const published: PostedComment[] = [];
  const topLevel: PostedComment[] = [];
  let next = 0;

  async function send(op: LoadOp, method: string, path: string, reader: LoadReader | null, body?: unknown): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = {};
    if (reader) {
      headers.cookie = reader.cookie;
      if (method !== 'GET') headers['x-csrf-token'] = reader.csrfToken;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const started = performance.now();
    let status = 0;
    let text = '';
    try {
      const res = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      status = res.status;
      text = await res.text();
    } catch (error) {
      text = String((error as Error).cause ?? error);
    }
    const ms = performance.now() - started;
    const answer: LoadAnswer = { op, method, path, status, ms };
    if (!EXPECTED_STATUS[op].includes(status)) answer.body = text.slice(0, 2000);
    answers.push(answer);
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status, json };
  }

  async function one(i: number): Promise<void> {
    let op = CYCLE[i % CYCLE.length];
    const reader = readers[i % readers.length];
    const article = articles[(i >> 1) % articles.length];
    // Until something is posted there is nothing to reply to or react on.
    if ((op === 'reply' || op === 'react' || op === 'unreact' || op === 'replies') && topLevel.length === 0) op = 'post';
    const target = topLevel.length ? topLevel[(i * 7) % topLevel.length] : null;
    // Reactions go to the first few comments, so readers switch and withdraw them and contend for the same rows.
    const hot = published.length ? published[(i * 5) % Math.min(published.length, 8)] : null;
    switch (op) {
      case 'list':
        await send(op, 'GET', `/articles/${article}/comments?sort=${['newest', 'oldest', 'agreed'][i % 3]}`, null);
        return;
      case 'list-as-reader':
        await send(op, 'GET', `/articles/${article}/comments`, reader);
        return;
      case 'post':
      case 'reply': {
        const articleId = op === 'reply' ? target!.articleId : article;
        const payload = op === 'reply' ? { body: bodyFor(i, label), parentId: target!.id } : { body: bodyFor(i, label) };
        const { status, json } = await send(op, 'POST', `/articles/${articleId}/comments`, reader, payload);
        if (status === 201 || status === 202) {
          const c = json as PostedComment;
          const comment = { id: c.id, articleId: c.articleId, parentId: c.parentId, status: c.status };
          posted.push(comment);
          if (status === 201) published.push(comment);
          if (status === 201 && comment.parentId === null) topLevel.push(comment);
        }
        return;
      }
      case 'react':
        await send(op, 'PUT', `/comments/${hot!.id}/reaction`, reader, { value: i % 3 === 0 ? 'disagree' : 'agree' });
        return;
      case 'unreact':
        await send(op, 'DELETE', `/comments/${hot!.id}/reaction`, reader);
        return;
      case 'replies':
        await send(op, 'GET', `/comments/${target!.id}/replies`, i % 2 ? reader : null);
        return;
      case 'counts':
        await send(op, 'GET', `/articles/counts?ids=${articles.join(',')}`, null);
        return;
      case 'article':
        await send(op, 'GET', `/articles/${article}`, null);
        return;
      case 'reply-to-unknown':
        await send(op, 'POST', `/articles/${article}/comments`, reader, { body: bodyFor(i, label), parentId: '00000000-0000-4000-8000-000000000000' });
        return;
      case 'bad-cursor':
        await send(op, 'GET', `/articles/${article}/comments?cursor=not-a-cursor`, null);
        return;
    }
  }

  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < requests; i = next++) await one(i);
    }),
  );
  return { answers, posted, seconds: (performance.now() - started) / 1000 };
}

/** Answers that are neither 2xx nor 4xx: what a reader must never get. */
export function serverFailures(answers: LoadAnswer[]): LoadAnswer[] {
  return answers.filter((a) => !(a.status >= 200 && a.status < 300) && !(a.status >= 400 && a.status < 500));
}

export interface LoadSummary {
  requests: number;
  seconds: number;
  perSecond: number;
  failures: number;
  p50: number;
  p95: number;
}

export function summarize(result: MixedLoadResult): LoadSummary {
  const ms = result.answers.map((a) => a.ms).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
  return {
    requests: result.answers.length,
    seconds: result.seconds,
    perSecond: result.answers.length / result.seconds,
    failures: serverFailures(result.answers).length,
    p50: at(0.5),
    p95: at(0.95),
  };
}
