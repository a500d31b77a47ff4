import { startFakeProviders, type FakeProviders } from './fakes/fake-providers';
import { providerEnv } from './helpers/provider-env';
import { TestApp, startTestApp, truncateAll } from './helpers/app';
import { freePort } from './helpers/free-port';
import { Session, login } from './helpers/login';
import { SseClient } from './helpers/sse';

const ARTICLE = 'live-article';

describe('the live event stream, from any instance', () => {
  let fakes: FakeProviders;
  let a: TestApp;
  let b: TestApp;
  let urlB: string;
  const clients: SseClient[] = [];

  const env = (fakes: FakeProviders) => providerEnv(fakes, { CMS_API_TOKEN: 'cms', RATE_COMMENT_INTERVAL_SECONDS: '0', RATE_COMMENTS_PER_ARTICLE: '0' });
  const open = async (lastEventId?: string) => {
    const c = await SseClient.open(`${urlB}/articles/${ARTICLE}/events`, lastEventId);
    clients.push(c);
    return c;
  };
  const post = (s: Session, body: string) =>
    a.http().post(`/articles/${ARTICLE}/comments`).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).send({ body });

  beforeAll(async () => {
    fakes = await startFakeProviders();
    a = await startTestApp(env(fakes));
    b = await startTestApp(env(fakes));
    const port = await freePort();
    await b.app.listen({ port, host: '127.0.0.1' });
    urlB = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await a.close();
    await b.close();
    await fakes.close();
  });
  beforeEach(() => truncateAll(a.dataSource));

  it('a comment posted on one instance reaches a stream on another; edits and deletes follow', async () => {
    const s = await login(a, 'twitter', { screenName: 'live' });
    const stream = await open();
    expect(stream.status).toBe(200);
    expect(stream.headers!.get('content-type')).toContain('text/event-stream');
    const created = (await post(s, 'Breaking: live comments work.').expect(201)).body;
    await a.http().patch(`/comments/${created.id}`).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).send({ body: 'Breaking: live comments work!' }).expect(200);
    await a.http().delete(`/comments/${created.id}`).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).expect(204);
    const frames = await stream.waitFor(3);
    expect(frames.map((f) => f.event)).toEqual(['comment.created', 'comment.updated', 'comment.deleted']);
    const ids = frames.map((f) => BigInt(f.id!));
    expect([...ids].sort((x, y) => (x < y ? -1 : 1))).toEqual(ids);
    const first = JSON.parse(frames[0].data!);
    expect(first).toMatchObject({ id: created.id, body: 'Breaking: live comments work.', status: 'published', myReaction: null, notice: null });
    expect(JSON.parse(frames[2].data!)).toMatchObject({ id: created.id, status: 'deleted', body: '', author: null });
  });

  it('a client reconnecting with Last-Event-ID gets every event after it, none twice, then live ones', async () => {
    const s = await login(a, 'twitter', { screenName: 'replay' });
    const first = await open();
    for (const text of ['one', 'two', 'three']) await post(s, `Comment ${text}.`).expect(201);
    const seen = await first.waitFor(3);
    first.close();
    const after = seen[0].id!;
    const again = await open(after);
    await post(s, 'Comment four.').expect(201);
    const replayed = await again.waitFor(3);
    expect(replayed.map((f) => JSON.parse(f.data!).body)).toEqual(['Comment two.', 'Comment three.', 'Comment four.']);
  });

  it('after an edit and a delete, a client resuming from before them gets neither the old nor the edited text', async () => {
    const s = await login(a, 'twitter', { screenName: 'regrets' });
    const before = await open();
    const marker = (await post(s, 'Something harmless first.').expect(201)).body;
    const [first] = await before.waitFor(1);
    before.close();
    const c = (await post(s, 'Original text, soon regretted.').expect(201)).body;
    await a.http().patch(`/comments/${c.id}`).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).send({ body: 'Edited text, also regretted.' }).expect(200);
    await a.http().delete(`/comments/${c.id}`).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).expect(204);
    const resumed = await open(first.id);
    const frames = await resumed.waitFor(3);
    expect(JSON.parse(frames[0].data!).id).toBe(c.id);
    const text = frames.map((f) => f.data).join('\n');
    expect(text).not.toContain('Original text');
    expect(text).not.toContain('Edited text');
    expect(text).not.toContain(s.user.id);
    expect(frames.map((f) => f.event)).toEqual(['comment.created', 'comment.updated', 'comment.deleted']);
    for (const f of frames) expect(JSON.parse(f.data!)).toMatchObject({ id: c.id, body: '', author: null, status: 'deleted' });
    expect(marker.id).not.toBe(c.id);
  });

  it('never sends a comment that is not public', async () => {
    const s = await login(a, 'twitter', { screenName: 'held' });
    await a.http().put(`/articles/${ARTICLE}`).set('Authorization', 'Bearer cms').send({ moderation: 'pre' }).expect(200);
    const stream = await open();
    await post(s, 'Waiting for review.').expect(202);
    await a.http().put(`/articles/${ARTICLE}`).set('Authorization', 'Bearer cms').send({ moderation: 'post' }).expect(200);
    await post(s, 'Public one.').expect(201);
    const frames = await stream.waitFor(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(stream.events().map((f) => JSON.parse(f.data!).body)).toEqual(['Public one.']);
    expect(frames).toHaveLength(1);
  });

  it('refuses a malformed Last-Event-ID', async () => {
    for (const id of ['abc', '-1', '9999999999999999999']) {
      const res = await b.http().get(`/articles/${ARTICLE}/events`).set('Last-Event-ID', id).expect(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});
