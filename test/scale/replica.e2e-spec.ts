import { startFakeProviders, type FakeProviders } from '../fakes/fake-providers';
import { NO_FLOOD_LIMITS, providerEnv } from '../helpers/provider-env';
import { TestApp, startTestApp } from '../helpers/app';
import { Session, login } from '../helpers/login';
import { destroy, startPrimary, startReplica, type OwnServer } from './postgres-servers';

const ARTICLE = '2026-12-02-replica';
const LIST = `/articles/${ARTICLE}/comments`;
const MAX_LAG_MS = 4000;

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * A real primary and a streaming replica started by the test (initdb,
 * pg_basebackup -R) in temporary directories on free ports, the app on both.
 */
describe('reads from a streaming replica (DATABASE_READ_URL), writes to the primary', () => {
  let primary: OwnServer;
  let replica: OwnServer;
  let fakes: FakeProviders;
  let t: TestApp;
  let n = 0;
  const reader = (name = `replica${++n}`) => login(t, 'twitter', { screenName: name, name });
  const post = (s: Session, body: string) => t.http().post(LIST).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).send({ body });
  const anonymousIds = async () => ((await t.http().get(LIST).expect(200)).body.items as { id: string }[]).map((c) => c.id);

  beforeAll(async () => {
    primary = await startPrimary();
    replica = await startReplica(primary);
    fakes = await startFakeProviders();
    t = await startTestApp(
      providerEnv(fakes, { ...NO_FLOOD_LIMITS, DATABASE_URL: primary.url(), DATABASE_READ_URL: replica.url(), DATABASE_READ_MAX_LAG_MS: String(MAX_LAG_MS) }),
    );
    // The migrations reach the replica before any test reads there.
    await until(async () => replica.sql(`SELECT count(*) FROM pg_tables WHERE tablename = 'list_versions'`) === '1');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await fakes?.close();
    destroy(replica);
    destroy(primary);
  });

  it('anonymous lists and counts come from the replica (a paused replica shows the old page) while the author reads their post from the primary', async () => {
    const s = await reader();
    const first = (await post(s, 'Before the pause.').expect(201)).body;
    await until(async () => (await anonymousIds()).includes(first.id));

    replica.sql('SELECT pg_wal_replay_pause()');
    try {
      const second = (await post(s, 'While the replica is paused.').expect(201)).body;
      // On the primary already; not on the replica, which anonymous readers are served from.
      expect(primary.sql(`SELECT count(*) FROM comments WHERE id = '${second.id}'`)).toBe('1');
      expect(await anonymousIds()).toEqual([first.id]);
      expect((await t.http().get(`/articles/counts?ids=${ARTICLE}`).expect(200)).body.counts[ARTICLE]).toBe(1);
      // The author's session remembers where the primary was after the write: their read goes there.
      const mine = await t.http().get(LIST).set('Cookie', s.cookie).expect(200);
      expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([second.id, first.id]);

      // Once the replica is further behind than DATABASE_READ_MAX_LAG_MS, it is skipped for everyone.
      await until(async () => (await anonymousIds()).includes(second.id), MAX_LAG_MS + 5000);
    } finally {
      replica.sql('SELECT pg_wal_replay_resume()');
    }
  });

  it('every author reads their own post on the very next request (8 readers posting at once, 5 posts each)', async () => {
    const readers = await Promise.all(Array.from({ length: 8 }, () => reader()));
    const misses: string[] = [];
    await Promise.all(
      readers.map(async (s, r) => {
        for (let i = 0; i < 5; i++) {
          const c = (await post(s, `Reader ${r} post ${i}: read me back.`).expect(201)).body;
          const page = await t.http().get(`${LIST}?limit=100`).set('Cookie', s.cookie).expect(200);
          if (!page.body.items.some((x: { id: string }) => x.id === c.id)) misses.push(c.id);
        }
      }),
    );
    expect(misses).toEqual([]);
  });

  it('a replica that stops is skipped, not waited on: reads keep answering from the primary, and use it again once it is back', async () => {
    const s = await reader();
    replica.stop('immediate');
    try {
      const c = (await post(s, 'Posted with the replica down.').expect(201)).body;
      const started = Date.now();
      expect(await anonymousIds()).toContain(c.id);
      expect(Date.now() - started).toBeLessThan(5000);
      await t.http().get(`/articles/counts?ids=${ARTICLE}`).expect(200);
    } finally {
      replica.start();
    }
    // Back: a paused replica's stale page shows again, so reads are on it.
    await until(async () => replica.sql('SELECT pg_is_in_recovery()') === 't');
    const marker = (await post(s, 'After the replica came back.').expect(201)).body;
    await until(async () => (await anonymousIds()).includes(marker.id));
    replica.sql('SELECT pg_wal_replay_pause()');
    try {
      const hidden = (await post(s, 'Not yet on the replica.').expect(201)).body;
      await new Promise((r) => setTimeout(r, 300));
      expect(await anonymousIds()).not.toContain(hidden.id);
    } finally {
      replica.sql('SELECT pg_wal_replay_resume()');
    }
  });
});
