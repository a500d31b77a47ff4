import type { QueryRunner } from 'typeorm';
import { UsersRepository } from '../src/users/users.repository';
import { startFakeProviders, type FakeProviders } from './fakes/fake-providers';
import { startTestApp, truncateAll, type TestApp } from './helpers/app';
import { login } from './helpers/login';
import { providerEnv } from './helpers/provider-env';

/**
 * A post holds a key-share lock on its author's row from its insert to its
 * commit (the comment's foreign key) and takes the article's row lock last;
 * a moderator's reject holds the article's row lock and then locks the
 * author's row for the strike. Were that a FOR UPDATE, the two would wait on
 * each other (a deadlock Postgres ends by failing one). A moderator changes
 * no key of the row, so the lock is FOR NO KEY UPDATE, which a key-share
 * lock does not block.
 */
describe('a moderator locking a reader does not wait for that reader\'s post in flight', () => {
  let fakes: FakeProviders;
  let t: TestApp;
  beforeAll(async () => {
    fakes = await startFakeProviders();
    t = await startTestApp(providerEnv(fakes));
  });
  beforeEach(() => truncateAll(t.dataSource));
  afterAll(async () => {
    await t.close();
    await fakes.close();
  });

  it('locks the author row while an uncommitted comment of theirs holds its foreign-key lock', async () => {
    const s = await login(t, 'twitter', { screenName: 'author' });
    const posted = await t.http().post('/articles/lock-order/comments').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).send({ body: 'A first comment.' }).expect(201);
    const post: QueryRunner = t.dataSource.createQueryRunner();
    const moderator: QueryRunner = t.dataSource.createQueryRunner();
    try {
      // A second comment by the same author, inserted and not yet committed: its author_id holds FOR KEY SHARE on the user.
      await post.startTransaction();
      await post.query(
        `INSERT INTO comments (article_id, author_id, body, status, policy_version, policy_rules, fingerprint)
         SELECT article_id, author_id, 'A second comment.', status, policy_version, policy_rules, 'second' FROM comments WHERE id = $1`,
        [posted.body.id],
      );
      await moderator.startTransaction();
      // Waiting would show as this error after 2 s; no wait is the behaviour asked for.
      await moderator.query(`SET LOCAL lock_timeout = '2s'`);
      const locked = await t.app.get(UsersRepository).lock(moderator.manager, s.user.id);
      expect(locked?.id).toBe(s.user.id);
    } finally {
      for (const r of [moderator, post]) {
        if (r.isTransactionActive) await r.rollbackTransaction();
        await r.release();
      }
    }
  });
});
