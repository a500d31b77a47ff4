import { startFakeProviders, type FakeProviders } from '../fakes/fake-providers';
import { NO_FLOOD_LIMITS, providerEnv } from '../helpers/provider-env';
import { TestApp, startTestApp, truncateAll } from '../helpers/app';
import { Session, login } from '../helpers/login';

const HOT = '2026-12-02-breaking';

/**
 * Posting takes its article's lock only at the end of its transaction (see
 * CommentLifecycle.entered). These race posts, replies, moderation and the
 * CMS on one article, and check that the kept counters still equal the rows,
 * the stream's ids follow commit order, and a decision made before the lock
 * is never kept after what it rested on moved.
 */
describe('one hot article: many posts at once (real Postgres)', () => {
  let fakes: FakeProviders;
  let t: TestApp;
  let n = 0;
  const reader = (name = `hot${++n}`) => login(t, 'twitter', { screenName: name, name });
  const post = (s: Session, body: string, parentId?: string) =>
    t.http().post(`/articles/${HOT}/comments`).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).send({ body, ...(parentId ? { parentId } : {}) });
  const cms = () => t.http().put(`/articles/${HOT}`).set('Authorization', 'Bearer cms-hot-token');

  const countsMatchRows = async () => {
    const [row] = await t.dataSource.query(
      `SELECT a.comment_count AS kept, a.top_level_count AS kept_top,
              (SELECT count(*)::int FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
                WHERE c.article_id = a.id AND c.status = 'published' AND (p.id IS NULL OR p.status IN ('published', 'deleted'))) AS rows,
              (SELECT count(*)::int FROM comments c WHERE c.article_id = a.id AND c.status = 'published' AND c.parent_id IS NULL) AS top_rows
         FROM articles a WHERE a.id = $1`,
      [HOT],
    );
    expect({ comments: row.kept, topLevel: row.kept_top }).toEqual({ comments: row.rows, topLevel: row.top_rows });
    const replies = await t.dataSource.query(
      `SELECT t.id FROM comments t WHERE t.article_id = $1 AND t.parent_id IS NULL
          AND t.reply_count <> (SELECT count(*) FROM comments r WHERE r.parent_id = t.id AND r.status = 'published')`,
      [HOT],
    );
    expect(replies).toEqual([]);
    return row.kept as number;
  };

  beforeAll(async () => {
    fakes = await startFakeProviders();
    t = await startTestApp(providerEnv(fakes, { ...NO_FLOOD_LIMITS, CMS_API_TOKEN: 'cms-hot-token' }));
  });
  afterAll(async () => {
    await t.close();
    await fakes.close();
  });
  beforeEach(() => truncateAll(t.dataSource));

  it('60 posts and replies by 12 readers at once: every one answered 201, counts equal the rows, events in id order one per comment', async () => {
    const readers = await Promise.all(Array.from({ length: 12 }, () => reader()));
    const thread = (await post(readers[0], 'The thread everyone answers.').expect(201)).body;
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => post(readers[i % readers.length], `Hot take number ${i}, on the budget.`, i % 3 === 0 ? thread.id : undefined)),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    expect(await countsMatchRows()).toBe(61);
    const events: { comment: string }[] = await t.dataSource.query(
      `SELECT payload->>'id' AS comment FROM comment_events WHERE article_id = $1 AND type = 'comment.created' ORDER BY id`,
      [HOT],
    );
    expect(new Set(events.map((e) => e.comment)).size).toBe(61);
  });

  it('closing comments in the middle of a burst: once the close has answered, no post is accepted, and counts stay exact', async () => {
    const readers = await Promise.all(Array.from({ length: 8 }, () => reader()));
    await post(readers[0], 'Before the close.').expect(201);
    const burst = Array.from({ length: 40 }, (_, i) => post(readers[i % readers.length], `Racing the close, ${i}.`));
    const [closed, ...answers] = await Promise.all([cms().send({ commentsOpen: false }), ...burst]);
    expect(closed.status).toBe(200);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    const late = await post(readers[1], 'After the close.');
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('COMMENTS_CLOSED');
    const accepted = answers.filter((a) => a.status === 201).length;
    expect(await countsMatchRows()).toBe(1 + accepted);
  });

  it('switching the article to pre-moderation during a burst: a post is published only if it committed before the switch', async () => {
    const readers = await Promise.all(Array.from({ length: 8 }, () => reader()));
    const burst = Array.from({ length: 30 }, (_, i) => post(readers[i % readers.length], `Racing the switch, ${i}.`));
    const [switched, ...answers] = await Promise.all([cms().send({ moderation: 'pre' }), ...burst]);
    expect(switched.status).toBe(200);
    for (const a of answers) expect([201, 202]).toContain(a.status);
    // After the switch every post is held.
    expect((await post(readers[0], 'After the switch.')).status).toBe(202);
    const published = answers.filter((a) => a.status === 201).length;
    expect(await countsMatchRows()).toBe(published);
  });
});
