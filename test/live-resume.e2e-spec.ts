import { startFakeProviders, type FakeProviders } from './fakes/fake-providers';
import { startTestApp, truncateAll, type TestApp } from './helpers/app';
import { freePort } from './helpers/free-port';
import { login, type Session } from './helpers/login';
import { NO_FLOOD_LIMITS, providerEnv } from './helpers/provider-env';
import { SseClient } from './helpers/sse';

const ARTICLE = 'resume-1';

/**
 * Row 11 of issue 12: a stream resumed with Last-Event-ID on another
 * instance gives every event once, in event-id order, across the hand-over
 * from replay to live.
 */
describe('resuming a stream on another instance', () => {
  let fakes: FakeProviders;
  let a: TestApp;
  let b: TestApp;
  const base: Record<'a' | 'b', string> = { a: '', b: '' };

  beforeAll(async () => {
    fakes = await startFakeProviders();
    const env = providerEnv(fakes, { ...NO_FLOOD_LIMITS });
    a = await startTestApp(env);
    b = await startTestApp(env);
    for (const [name, t] of [['a', a], ['b', b]] as const) {
      const port = await freePort();
      await t.app.listen({ port, host: '127.0.0.1' });
      base[name] = `http://127.0.0.1:${port}`;
    }
  });
  beforeEach(() => truncateAll(a.dataSource));
  afterAll(async () => {
    await a.close();
    await b.close();
    await fakes.close();
  });

  const post = async (t: TestApp, s: Session, body: string): Promise<string> => {
    const res = await t.http().post(`/articles/${ARTICLE}/comments`).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).send({ body }).expect(201);
    return res.body.id as string;
  };

  it('gives c2, c3, the deletion of c1, then c4: each once, ids rising', async () => {
    const s = await login(a, 'twitter', { screenName: 'resumer' });
    const first = await SseClient.open(`${base.b}/articles/${ARTICLE}/events`);
    const c1 = await post(a, s, 'First comment.');
    const [created] = await first.waitFor(1);
    expect(created.event).toBe('comment.created');
    first.close();

    const c2 = await post(a, s, 'Second comment.');
    const c3 = await post(b, s, 'Third comment.');
    await b.http().delete(`/comments/${c1}`).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).expect(204);

    const resumed = await SseClient.open(`${base.a}/articles/${ARTICLE}/events`, created.id);
    await resumed.waitFor(3);
    const c4 = await post(a, s, 'Fourth comment.');
    await resumed.waitFor(4);
    // Anything extra would have come with c4's wake-up; give a late duplicate the chance to show.
    await new Promise((r) => setTimeout(r, 2500));
    resumed.close();

    const seen = resumed.events().map((e) => `${e.event}:${JSON.parse(e.data!).id}`);
    expect(seen).toEqual([`comment.created:${c2}`, `comment.created:${c3}`, `comment.deleted:${c1}`, `comment.created:${c4}`]);
    const ids = resumed.events().map((e) => BigInt(e.id!));
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
  });
});
