import { Client } from 'pg';
import { startFakeProviders, type FakeProviders } from '../fakes/fake-providers';
import { NO_FLOOD_LIMITS, providerEnv } from '../helpers/provider-env';
import { TestApp, startTestApp, truncateAll } from '../helpers/app';
import { Session, login } from '../helpers/login';

const ARTICLE = '2026-12-02-cache';
const LIST = `/articles/${ARTICLE}/comments`;

describe('cacheable anonymous reads: ETag, Cache-Control, 304 (real Postgres)', () => {
  let fakes: FakeProviders;
  let t: TestApp;
  let n = 0;
  const reader = (name = `cache${++n}`) => login(t, 'twitter', { screenName: name, name });
  const post = (s: Session, body: string, parentId?: string) =>
    t.http().post(`/articles/${ARTICLE}/comments`).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).send({ body, ...(parentId ? { parentId } : {}) });
  const as = (s: Session, method: 'put' | 'patch' | 'delete', path: string) => t.http()[method](path).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken);
  const etagOf = async (path: string) => (await t.http().get(path).expect(200)).headers.etag as string;

  beforeAll(async () => {
    fakes = await startFakeProviders();
    t = await startTestApp(providerEnv(fakes, { ...NO_FLOOD_LIMITS, CMS_API_TOKEN: 'cms-cache-token', LIST_CACHE_MAX_AGE_SECONDS: '7', LIST_CACHE_STALE_SECONDS: '11' }));
  });
  afterAll(async () => {
    await t.close();
    await fakes.close();
  });
  beforeEach(() => truncateAll(t.dataSource));

  it('an anonymous list carries a strong ETag, a short public Cache-Control and Vary; If-None-Match answers 304 with no body', async () => {
    const s = await reader();
    await post(s, 'First on the cached article.').expect(201);
    const first = await t.http().get(LIST).expect(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=7, stale-while-revalidate=11');
    expect(first.headers.vary).toBe('Origin, Cookie, Authorization');

    const again = await t.http().get(LIST).set('If-None-Match', first.headers.etag).expect(304);
    expect(again.text ?? '').toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['cache-control']).toBe('public, max-age=7, stale-while-revalidate=11');
    // A list of tags, and the weak form of the same tag, match too (RFC 9110's weak comparison).
    await t.http().get(LIST).set('If-None-Match', `"other", W/${first.headers.etag}`).expect(304);
    await t.http().get(LIST).set('If-None-Match', '"other"').expect(200);
  });

  it('answers 304 without reading a comment row: it does so while the comments table is locked against every read', async () => {
    const s = await reader();
    await post(s, 'A comment under lock.').expect(201);
    const etag = await etagOf(LIST);
    const locker = new Client({ connectionString: process.env.TEST_RUN_DATABASE_URL });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE comments IN ACCESS EXCLUSIVE MODE');
      const res = await t.http().get(LIST).set('If-None-Match', etag).timeout(5000);
      expect(res.status).toBe(304);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
  });

  it('every change the list shows moves the ETag: a post, a reply, a reaction, an edit, a deletion, a new display name', async () => {
    const s = await reader('author');
    const other = await reader('neighbour');
    const top = (await post(s, 'The top-level comment.').expect(201)).body;
    const tags = [await etagOf(LIST)];
    const changed = async (what: string) => {
      const res = await t.http().get(LIST).set('If-None-Match', tags[tags.length - 1]);
      expect({ what, status: res.status }).toEqual({ what, status: 200 });
      expect(tags).not.toContain(res.headers.etag);
      tags.push(res.headers.etag);
    };
    await post(other, 'A second comment.').expect(201);
    await changed('post');
    await post(other, 'A reply to the first.', top.id).expect(201);
    await changed('reply');
    await as(other, 'put', `/comments/${top.id}/reaction`).send({ value: 'agree' }).expect(200);
    await changed('reaction');
    await as(other, 'delete', `/comments/${top.id}/reaction`).expect(200);
    await changed('reaction removed');
    await as(s, 'patch', `/comments/${top.id}`).send({ body: 'The top-level comment, edited.' }).expect(200);
    await changed('edit');
    await t.dataSource.query(`UPDATE users SET display_name = 'Renamed' WHERE id = $1`, [s.user.id]);
    await changed('display name');
    await as(s, 'delete', `/comments/${top.id}`).expect(204);
    await changed('deletion');
    // And nothing else: the same version answers 304 again.
    await t.http().get(LIST).set('If-None-Match', tags[tags.length - 1]).expect(304);
  });

  it('a held post changes nothing anonymous readers see, so the ETag stays', async () => {
    const s = await reader();
    await post(s, 'Visible.').expect(201);
    const etag = await etagOf(LIST);
    await t.http().put(`/articles/${ARTICLE}`).set('Authorization', 'Bearer cms-cache-token').send({ moderation: 'pre' }).expect(200);
    await post(s, 'Held for review.').expect(202);
    await t.http().get(LIST).set('If-None-Match', etag).expect(304);
  });

  it('a personal answer (session cookie or bearer token) is no-store with Vary and no ETag, and never a 304', async () => {
    const s = await reader();
    await post(s, 'Mine.').expect(201);
    const etag = await etagOf(LIST);
    const mine = await t.http().get(LIST).set('Cookie', s.cookie).set('If-None-Match', etag).expect(200);
    expect(mine.headers['cache-control']).toBe('no-store');
    expect(mine.headers.vary).toBe('Origin, Cookie, Authorization');
    expect(mine.headers.etag).toBeUndefined();
    const bearer = await t.http().get(LIST).set('Authorization', 'Bearer not-a-token').set('If-None-Match', etag);
    expect(bearer.status).not.toBe(304);
    expect(bearer.headers['cache-control']).toBe('no-store');
  });

  it('replies lists are cached the same way, and a reply or a reaction to one moves their ETag', async () => {
    const s = await reader();
    const top = (await post(s, 'A thread.').expect(201)).body;
    const reply = (await post(s, 'Its first reply.', top.id).expect(201)).body;
    const path = `/comments/${top.id}/replies`;
    const first = await t.http().get(path).expect(200);
    expect(first.headers['cache-control']).toBe('public, max-age=7, stale-while-revalidate=11');
    await t.http().get(path).set('If-None-Match', first.headers.etag).expect(304);
    const other = await reader();
    await as(other, 'put', `/comments/${reply.id}/reaction`).send({ value: 'disagree' }).expect(200);
    const after = await t.http().get(path).set('If-None-Match', first.headers.etag).expect(200);
    expect(after.body.items[0].disagreeCount).toBe(1);
  });

  it('counts and an article carry an ETag of their answer and answer 304 until a count moves', async () => {
    const s = await reader();
    const counts = `/articles/counts?ids=${ARTICLE},unknown-article`;
    const first = await t.http().get(counts).expect(200);
    expect(first.headers['cache-control']).toBe('public, max-age=7, stale-while-revalidate=11');
    await t.http().get(counts).set('If-None-Match', first.headers.etag).expect(304);
    const article = await t.http().get(`/articles/${ARTICLE}`).expect(200);
    await post(s, 'Moves the count.').expect(201);
    const moved = await t.http().get(counts).set('If-None-Match', first.headers.etag).expect(200);
    expect(moved.body.counts[ARTICLE]).toBe(1);
    await t.http().get(`/articles/${ARTICLE}`).set('If-None-Match', article.headers.etag).expect(200);
  });

  it('a forged cursor is a 400 in the error shape, not cacheable, whatever If-None-Match says', async () => {
    const res = await t.http().get(`${LIST}?cursor=forged`).set('If-None-Match', '*').expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.headers['cache-control'] ?? '').not.toContain('public');
  });
});
