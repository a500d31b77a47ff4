import { ApiError, requestJson } from '../shared/http';
import { session } from './session';
import type { Article, Comment, Page, Policy, Provider, Reaction, Reactions, ReportReason, Sort, User } from './types';

/** A fresh Idempotency-Key; crypto.randomUUID needs a secure context, which a news site on http is not. */
function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * The service's API as the widget uses it: the reader's bearer token when
 * logged in, never a cookie (credentials are omitted even on the service's own
 * origin, so the demo page runs exactly what news sites run).
 */
export class Client {
  constructor(
    readonly base: string,
    readonly articleId: string,
    readonly lang: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const token = session.token;
    const all: Record<string, string> = { 'Accept-Language': this.lang, ...headers };
    if (token) all.Authorization = `Bearer ${token}`;
    try {
      return await requestJson<T>(`${this.base}${path}`, { method, body, headers: all });
    } catch (e) {
      // A token that stopped working makes the reader anonymous; the caller says so in words.
      if (e instanceof ApiError && e.code === 'UNAUTHENTICATED' && token && session.token === token) session.drop();
      throw e;
    }
  }

  private get article(): string {
    return `/articles/${encodeURIComponent(this.articleId)}`;
  }

  articleInfo = () => this.call<Article>('GET', this.article);
  providers = () => this.call<{ providers: Provider[] }>('GET', '/auth/providers').then((r) => r.providers);
  me = () => this.call<{ user: User }>('GET', '/auth/me').then((r) => r.user);
  policy = () => this.call<Policy>('GET', '/policy');

  comments = (sort: Sort, cursor: string | null) =>
    this.call<Page>('GET', `${this.article}/comments?sort=${sort}&limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
  replies = (id: string, cursor: string | null) => this.call<Page>('GET', `/comments/${id}/replies?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);

  post = (body: string, parentId: string | null, key = idempotencyKey()) =>
    this.call<Comment>('POST', `${this.article}/comments`, parentId ? { body, parentId } : { body }, { 'Idempotency-Key': key });
  edit = (id: string, body: string) => this.call<Comment>('PATCH', `/comments/${id}`, { body });
  remove = (id: string) => this.call<void>('DELETE', `/comments/${id}`);
  react = (id: string, value: Reaction | null) =>
    value ? this.call<Reactions>('PUT', `/comments/${id}/reaction`, { value }) : this.call<Reactions>('DELETE', `/comments/${id}/reaction`);
  report = (id: string, reason: ReportReason, note: string) => this.call<unknown>('POST', `/comments/${id}/reports`, note ? { reason, note } : { reason });
  askRestoration = (id: string) => this.call<unknown>('POST', `/comments/${id}/restoration-request`);

  /** The article's live stream: created, updated and deleted comments as anyone sees them. */
  follow(on: (kind: 'created' | 'updated' | 'deleted', comment: Comment) => void): () => void {
    const events = new EventSource(`${this.base}${this.article}/events`);
    for (const kind of ['created', 'updated', 'deleted'] as const) {
      events.addEventListener(`comment.${kind}`, (e) => {
        try {
          on(kind, JSON.parse((e as MessageEvent<string>).data) as Comment);
        } catch {
          // A frame we cannot read is skipped; the next reload shows the truth.
        }
      });
    }
    return () => events.close();
  }
}
