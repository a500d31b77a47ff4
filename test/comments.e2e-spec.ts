import { startFakeProviders, type FakeProviders } from './fakes/fake-providers';
import { NO_FLOOD_LIMITS, providerEnv } from './helpers/provider-env';
import { TestApp, startTestApp, truncateAll } from './helpers/app';
import { Session, login } from './helpers/login';
import { POLICY_ENGINE } from '../src/standards-board/policy-engine.token';

const ARTICLE = '2000-11-25-it-accord';

function env(fakes: FakeProviders, extra: Record<string, string> = {}): Record<string, string> {
  // Flooding has its own tests below; elsewhere one reader posts freely.
  return providerEnv(fakes, { CMS_API_TOKEN: 'cms-test-token', ...NO_FLOOD_LIMITS, ...extra });
}

describe('comments (HTTP, real logins, real Postgres)', () => {
  let fakes: FakeProviders;
  let t: TestApp;
  let n = 0;
  const reader = (name = `reader${++n}`) => login(t, 'twitter', { screenName: name, name });

  const post = (s: Session, body: string, extra: { parentId?: string; articleId?: string; key?: string } = {}) => {
    const req = t
      .http()
      .post(`/articles/${extra.articleId ?? ARTICLE}/comments`)
      .set('Cookie', s.cookie)
      .set('X-CSRF-Token', s.csrfToken);
    if (extra.key) req.set('Idempotency-Key', extra.key);
    return req.send({ body, ...(extra.parentId ? { parentId: extra.parentId } : {}) });
  };
  const as = (s: Session, method: 'patch' | 'delete' | 'put' | 'post', path: string) =>
    t.http()[method](path).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken);

  beforeAll(async () => {
    fakes = await startFakeProviders();
    t = await startTestApp(env(fakes));
  });
  afterAll(async () => {
    await t.close();
    await fakes.close();
  });
  beforeEach(() => truncateAll(t.dataSource));

  describe('posting', () => {
    it('201 with the Comment, NFC-normalised and trimmed, and creates the article row on first post', async () => {
      const s = await reader('poster');
      const res = await post(s, '  좋은 기사 감사합니다 \u1100\u1161  ').expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        articleId: ARTICLE,
        parentId: null,
        author: { id: s.user.id, displayName: 'poster', avatarUrl: expect.anything(), provider: 'twitter' },
        body: '좋은 기사 감사합니다 가',
        createdAt: expect.any(String),
        editedAt: null,
        status: 'published',
        agreeCount: 0,
        disagreeCount: 0,
        replyCount: 0,
        myReaction: null,
        notice: null,
      });
      const article = await t.http().get(`/articles/${ARTICLE}`).expect(200);
      expect(article.body.commentCount).toBe(1);
    });

    it('anonymous posting is 401; without the CSRF token 403; nothing stored', async () => {
      const anon = await t.http().post(`/articles/${ARTICLE}/comments`).send({ body: 'hello' }).expect(401);
      expect(anon.body.error.code).toBe('UNAUTHENTICATED');
      const s = await reader();
      const csrf = await t.http().post(`/articles/${ARTICLE}/comments`).set('Cookie', s.cookie).send({ body: 'hello' }).expect(403);
      expect(csrf.body.error.code).toBe('CSRF_FAILED');
      expect(await t.dataSource.query('SELECT * FROM comments')).toEqual([]);
    });

    it('the 250-character limit counts what a reader sees: 250 emoji families pass, 251 Hangul do not', async () => {
      const s = await reader();
      const family = '👨‍👩‍👧‍👦';
      // 3 Hangul syllables and 247 families of seven code points each: 250 characters, 1,732 code points.
      await post(s, '좋아요' + family.repeat(247)).expect(201);
      const over = await post(s, '가'.repeat(251)).expect(422);
      expect(over.body.error).toMatchObject({ code: 'POLICY_VIOLATION', details: { rule: 'length.max', rules: ['length.max'], policyVersion: expect.any(String) } });
      const empty = await post(s, ' \n\t ').expect(422);
      expect(empty.body.error.details.rule).toBe('length.empty');
      const flood = await post(s, 'a' + '\u0301'.repeat(20)).expect(422);
      expect(flood.body.error.details.rule).toBe('length.abuse');
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM comments')).toEqual([{ n: 1 }]);
    });

    it('a policy violation answers in the reader’s language and never echoes the text', async () => {
      const s = await reader();
      const res = await post(s, '연락 주세요 010-1234-5678').set('Accept-Language', 'ko-KR').expect(422);
      expect(res.body.error.details.rule).toBe('pii.phone');
      expect(res.body.error.message).toMatch(/[가-힣]/);
      expect(JSON.stringify(res.body)).not.toContain('1234-5678');
    });

    it('a moderator (with the CSRF token) may close an article; a reader may not', async () => {
      const r = await reader();
      expect((await as(r, 'put', `/articles/${ARTICLE}`).send({ commentsOpen: false }).expect(403)).body.error.code).toBe('FORBIDDEN');
      const mod = await reader('moderator-cms');
      await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [mod.user.id]);
      await t.http().put(`/articles/${ARTICLE}`).set('Cookie', mod.cookie).send({ commentsOpen: false }).expect(403);
      const res = await as(mod, 'put', `/articles/${ARTICLE}`).send({ commentsOpen: false }).expect(200);
      expect(res.body.commentsOpen).toBe(false);
    });

    it('a refused comment stores nothing and counts its rule at /metrics', async () => {
      const s = await reader();
      await post(s, '주민번호 900101-1234567').expect(422);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM comments')).toEqual([{ n: 0 }]);
      const metrics = await t.http().get('/metrics').expect(200);
      expect(metrics.text).toMatch(/policy_rule_fired_total\{action="reject",rule="pii.rrn"\} [1-9]/);
      expect(metrics.text).toMatch(/comments_posted_total\{verdict="reject"\} [1-9]/);
      expect(metrics.text).not.toContain('900101');
    });

    it('409 COMMENTS_CLOSED on a closed article', async () => {
      await t.http().put(`/articles/${ARTICLE}`).set('Authorization', 'Bearer cms-test-token').send({ commentsOpen: false }).expect(200);
      const s = await reader();
      const res = await post(s, 'Is anyone there?').expect(409);
      expect(res.body.error.code).toBe('COMMENTS_CLOSED');
    });

    it('202 pending on a pre-moderated article: visible to its author with a notice, absent for others', async () => {
      await t.http().put(`/articles/${ARTICLE}`).set('Authorization', 'Bearer cms-test-token').send({ moderation: 'pre' }).expect(200);
      const s = await reader();
      const res = await post(s, 'Waiting for the editors.').expect(202);
      expect(res.body).toMatchObject({ status: 'pending', notice: 'awaiting_review' });
      const mine = await t.http().get(`/articles/${ARTICLE}/comments`).set('Cookie', s.cookie).expect(200);
      expect(mine.body.items.map((c: { id: string; notice: string }) => [c.id, c.notice])).toEqual([[res.body.id, 'awaiting_review']]);
      expect(mine.body.total).toBe(0);
      const anon = await t.http().get(`/articles/${ARTICLE}/comments`).expect(200);
      expect(anon.body).toEqual({ items: [], nextCursor: null, total: 0 });
      expect((await t.http().get(`/articles/${ARTICLE}`)).body.commentCount).toBe(0);
    });

    it('403 ACCOUNT_SUSPENDED with until and reason; the suspended reader still reads', async () => {
      const s = await reader();
      const until = new Date(Date.now() + 86_400_000);
      await t.dataSource.query('UPDATE users SET suspended_until = $2, suspension_reason = $3 WHERE id = $1', [s.user.id, until, 'abuse']);
      const res = await post(s, 'Let me speak').expect(403);
      expect(res.body.error).toMatchObject({ code: 'ACCOUNT_SUSPENDED', details: { until: until.toISOString(), reason: 'abuse' } });
      await t.http().get(`/articles/${ARTICLE}/comments`).set('Cookie', s.cookie).expect(200);
      expect((await t.http().get('/auth/me').set('Cookie', s.cookie).expect(200)).body.user.suspendedUntil).toBe(until.toISOString());
    });

    it('a suspended reader gets the same 403 body when posting, editing, reacting and reporting', async () => {
      const s = await reader();
      const other = await reader();
      const mine = (await post(s, 'Written before the suspension.').expect(201)).body;
      const theirs = (await post(other, 'Someone else’s comment.').expect(201)).body;
      const until = new Date(Date.now() + 86_400_000);
      await t.dataSource.query('UPDATE users SET suspended_until = $2, suspension_reason = $3 WHERE id = $1', [s.user.id, until, 'repeated abuse']);
      const answers = [
        await post(s, 'Let me speak'),
        await as(s, 'patch', `/comments/${mine.id}`).send({ body: 'Let me edit' }),
        await as(s, 'put', `/comments/${theirs.id}/reaction`).send({ value: 'disagree' }),
        await as(s, 'post', `/comments/${theirs.id}/reports`).send({ reason: 'abuse' }),
      ];
      for (const res of answers) expect(res.status).toBe(403);
      expect(answers[0].body.error).toMatchObject({ code: 'ACCOUNT_SUSPENDED', details: { rule: 'account.suspended', until: until.toISOString(), reason: 'repeated abuse' } });
      for (const res of answers.slice(1)) expect(res.body).toEqual(answers[0].body);
      const [row] = await t.dataSource.query('SELECT body, agree_count + disagree_count AS reactions, report_count FROM comments WHERE id = $1', [theirs.id]);
      expect(row).toEqual({ body: 'Someone else’s comment.', reactions: 0, report_count: 0 });
    });

    it('a NUL character in a body is dropped, not a 500: the count and the stored text agree', async () => {
      const s = await reader();
      const res = await post(s, 'Null\u0000 byte\u0000s are dropped.').expect(201);
      expect(res.body.body).toBe('Null bytes are dropped.');
      expect((await post(s, '\u0000\u0000').expect(422)).body.error.details.rule).toBe('length.empty');
    });

    it('validates the body and the ids', async () => {
      const s = await reader();
      expect((await post(s, 5 as unknown as string).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
      expect((await post(s, 'ok', { parentId: 'not-a-uuid' }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
      expect((await post(s, 'ok', { articleId: 'bad id!' }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
      expect((await post(s, 'ok', { parentId: '00000000-0000-4000-8000-000000000000' }).expect(404)).body.error.code).toBe('NOT_FOUND');
      const extra = await t.http().post(`/articles/${ARTICLE}/comments`).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).send({ body: 'x', status: 'published' }).expect(400);
      expect(extra.body.error.details.fields[0].field).toBe('status');
    });
  });

  describe('Idempotency-Key', () => {
    it('a retried POST returns the first answer and creates nothing new', async () => {
      const s = await reader();
      const first = await post(s, 'Only once, please.', { key: 'k-1' }).expect(201);
      const again = await post(s, 'Only once, please.', { key: 'k-1' }).expect(201);
      expect(again.body).toEqual(first.body);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM comments')).toEqual([{ n: 1 }]);
    });

    it('a retried held post replays 202 pending, not 201', async () => {
      await t.http().put(`/articles/${ARTICLE}`).set('Authorization', 'Bearer cms-test-token').send({ moderation: 'pre' }).expect(200);
      const s = await reader();
      const first = await post(s, 'Held, then retried.', { key: 'held-1' }).expect(202);
      const again = await post(s, 'Held, then retried.', { key: 'held-1' }).expect(202);
      expect(again.body).toEqual(first.body);
      expect(again.body).toMatchObject({ status: 'pending', notice: 'awaiting_review' });
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM comments')).toEqual([{ n: 1 }]);
    });

    it('two concurrent identical requests create one comment and both get it', async () => {
      const s = await reader();
      const [a, b] = await Promise.all([post(s, 'Sent twice at once.', { key: 'same' }), post(s, 'Sent twice at once.', { key: 'same' })]);
      expect(a.status).toBe(201);
      expect(b.status).toBe(201);
      expect(a.body.id).toBe(b.body.id);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM comments')).toEqual([{ n: 1 }]);
    });

    it('keys are per reader, and reusing one for another body is 400', async () => {
      const s1 = await reader();
      const s2 = await reader();
      const a = await post(s1, 'Mine.', { key: 'shared' }).expect(201);
      const b = await post(s2, 'Mine.', { key: 'shared' }).expect(201);
      expect(a.body.id).not.toBe(b.body.id);
      expect((await post(s1, 'Something else.', { key: 'shared' }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('replies', () => {
    it('are one level deep: a reply to a reply attaches to the top-level comment', async () => {
      const a = await reader();
      const b = await reader();
      const top = (await post(a, 'Top-level opinion.').expect(201)).body;
      const r1 = (await post(b, 'I reply.', { parentId: top.id }).expect(201)).body;
      const r2 = (await post(a, 'I reply to the reply.', { parentId: r1.id }).expect(201)).body;
      expect(r1.parentId).toBe(top.id);
      expect(r2.parentId).toBe(top.id);
      const list = await t.http().get(`/articles/${ARTICLE}/comments`).expect(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0].replyCount).toBe(2);
      expect(list.body.total).toBe(1);
      const replies = await t.http().get(`/comments/${top.id}/replies`).expect(200);
      expect(replies.body.items.map((c: { id: string }) => c.id)).toEqual([r1.id, r2.id]);
      expect(replies.body.total).toBe(2);
      expect((await t.http().get(`/articles/${ARTICLE}`)).body.commentCount).toBe(3);
    });

    it('a reply to another article’s comment is 404', async () => {
      const a = await reader();
      const top = (await post(a, 'Elsewhere.', { articleId: 'other-article' }).expect(201)).body;
      await post(a, 'Wrong thread.', { parentId: top.id }).expect(404);
    });

    it('replies of an unknown comment are 404', async () => {
      await t.http().get('/comments/00000000-0000-4000-8000-000000000000/replies').expect(404);
      await t.http().get('/comments/nope/replies').expect(400);
    });
  });

  describe('edit and delete', () => {
    it('the author edits within the window: the policy runs again and editedAt is set', async () => {
      const s = await reader();
      const c = (await post(s, 'Frist!! great article').expect(201)).body;
      const edited = await as(s, 'patch', `/comments/${c.id}`).send({ body: 'First: great article' }).expect(200);
      expect(edited.body).toMatchObject({ id: c.id, body: 'First: great article', editedAt: expect.any(String), status: 'published' });
      const bad = await as(s, 'patch', `/comments/${c.id}`).send({ body: '010-9876-5432 로 연락' }).expect(422);
      expect(bad.body.error.details.rule).toBe('pii.phone');
      const [row] = await t.dataSource.query('SELECT body FROM comments WHERE id = $1', [c.id]);
      expect(row.body).toBe('First: great article');
    });

    it('409 EDIT_WINDOW_CLOSED after the window', async () => {
      const s = await reader();
      const c = (await post(s, 'Old thought.').expect(201)).body;
      await t.dataSource.query(`UPDATE comments SET created_at = now() - interval '301 seconds' WHERE id = $1`, [c.id]);
      const res = await as(s, 'patch', `/comments/${c.id}`).send({ body: 'New thought.' }).expect(409);
      expect(res.body.error.code).toBe('EDIT_WINDOW_CLOSED');
    });

    it('nobody edits or deletes another reader’s comment', async () => {
      const a = await reader();
      const b = await reader();
      const c = (await post(a, 'My words.').expect(201)).body;
      expect((await as(b, 'patch', `/comments/${c.id}`).send({ body: 'Your words now.' }).expect(403)).body.error.code).toBe('FORBIDDEN');
      expect((await as(b, 'delete', `/comments/${c.id}`).expect(403)).body.error.code).toBe('FORBIDDEN');
      const [row] = await t.dataSource.query('SELECT body, status FROM comments WHERE id = $1', [c.id]);
      expect(row).toEqual({ body: 'My words.', status: 'published' });
    });

    it('a moderator never edits another reader’s comment', async () => {
      const a = await reader();
      const mod = await reader('moderator-editor');
      await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [mod.user.id]);
      const c = (await post(a, 'The author’s own words.').expect(201)).body;
      const res = await as(mod, 'patch', `/comments/${c.id}`).send({ body: 'A moderator’s words.' }).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      const [row] = await t.dataSource.query('SELECT body, edited_at FROM comments WHERE id = $1', [c.id]);
      expect(row).toEqual({ body: 'The author’s own words.', edited_at: null });
    });

    it('a hidden comment cannot be edited (409): a new text must not slip it past the reports that hid it', async () => {
      const a = await reader();
      const c = (await post(a, 'Reported into hiding.').expect(201)).body;
      for (let i = 0; i < 3; i++) await as(await reader(), 'post', `/comments/${c.id}/reports`).send({ reason: 'abuse' }).expect(201);
      const res = await as(a, 'patch', `/comments/${c.id}`).send({ body: '연락 주세요 http://example.com' }).expect(409);
      expect(res.body.error.code).toBe('CONFLICT');
      const [row] = await t.dataSource.query('SELECT status, notice, body FROM comments WHERE id = $1', [c.id]);
      expect(row).toEqual({ status: 'hidden', notice: 'hidden_by_reports', body: 'Reported into hiding.' });
    });

    it('a moderator removes another reader’s comment through the moderation route, which records it, not through DELETE /comments/:id', async () => {
      const a = await reader();
      const mod = await reader('keeper1');
      await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [mod.user.id]);
      const c = (await post(a, 'Borderline.').expect(201)).body;
      const refused = await as(mod, 'delete', `/comments/${c.id}`).expect(403);
      expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', details: { use: `/moderation/comments/${c.id}/delete` } });
      expect((await t.http().get(`/articles/${ARTICLE}/comments`)).body.items).toHaveLength(1);
      await as(mod, 'post', `/moderation/comments/${c.id}/delete`).send({}).expect(200);
      expect((await t.http().get(`/articles/${ARTICLE}/comments`)).body.items).toEqual([]);
      expect(await t.dataSource.query('SELECT action FROM moderation_audit')).toEqual([{ action: 'comment.delete' }]);
    });

    it('a deleted comment without replies disappears; with replies it stays as an authorless placeholder', async () => {
      const a = await reader();
      const b = await reader();
      const lonely = (await post(a, 'Nobody answers me.').expect(201)).body;
      const popular = (await post(a, 'Everybody answers me.').expect(201)).body;
      await post(b, 'An answer.', { parentId: popular.id }).expect(201);
      await as(a, 'delete', `/comments/${lonely.id}`).expect(204);
      await as(a, 'delete', `/comments/${popular.id}`).expect(204);
      const list = await t.http().get(`/articles/${ARTICLE}/comments`).set('Cookie', b.cookie).expect(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ id: popular.id, status: 'deleted', body: '', author: null, replyCount: 1, notice: null }),
      ]);
      expect(list.body.total).toBe(0);
      expect((await t.http().get(`/articles/${ARTICLE}`)).body.commentCount).toBe(1);
      await as(a, 'delete', `/comments/${lonely.id}`).expect(404);
    });
  });

  describe('a hidden thread', () => {
    it('takes its replies out of every count and out of sight, and refuses replies, reactions and reports in it', async () => {
      const a = await reader();
      const b = await reader();
      const top = (await post(a, 'A thread about to be hidden.').expect(201)).body;
      const r1 = (await post(b, 'A first reply.', { parentId: top.id }).expect(201)).body;
      await post(a, 'A second reply.', { parentId: top.id }).expect(201);
      expect((await t.http().get(`/articles/${ARTICLE}`)).body.commentCount).toBe(3);
      for (let i = 0; i < 3; i++) await as(await reader(), 'post', `/comments/${top.id}/reports`).send({ reason: 'abuse' }).expect(201);

      expect((await t.http().get(`/articles/${ARTICLE}`)).body.commentCount).toBe(0);
      expect((await t.http().get(`/articles/counts?ids=${ARTICLE}`)).body.counts[ARTICLE]).toBe(0);
      await t.http().get(`/comments/${top.id}/replies`).expect(404);
      const c = await reader();
      expect((await post(c, 'A reply to a reply in a hidden thread.', { parentId: r1.id }).expect(404)).body.error.code).toBe('NOT_FOUND');
      await as(c, 'put', `/comments/${r1.id}/reaction`).send({ value: 'agree' }).expect(404);
      await as(c, 'post', `/comments/${r1.id}/reports`).send({ reason: 'spam' }).expect(404);
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM comments WHERE parent_id = $1', [top.id]);
      expect(n).toBe(2);
    });

    it('deleting a reply in a hidden thread keeps the article count right (the reply was not counted)', async () => {
      const a = await reader();
      const b = await reader();
      const other = (await post(a, 'Another visible comment.').expect(201)).body;
      const top = (await post(a, 'Hidden soon.').expect(201)).body;
      const reply = (await post(b, 'My reply.', { parentId: top.id }).expect(201)).body;
      for (let i = 0; i < 3; i++) await as(await reader(), 'post', `/comments/${top.id}/reports`).send({ reason: 'abuse' }).expect(201);
      await as(b, 'delete', `/comments/${reply.id}`).expect(204);
      expect((await t.http().get(`/articles/${ARTICLE}`)).body.commentCount).toBe(1);
      expect((await t.http().get(`/articles/${ARTICLE}/comments`)).body.items.map((x: { id: string }) => x.id)).toEqual([other.id]);
    });
  });

  describe('reactions', () => {
    it('one per reader, switchable and removable', async () => {
      const a = await reader();
      const b = await reader();
      const c = (await post(a, 'Agree with me?').expect(201)).body;
      expect((await as(b, 'put', `/comments/${c.id}/reaction`).send({ value: 'agree' }).expect(200)).body).toEqual({ agreeCount: 1, disagreeCount: 0, myReaction: 'agree' });
      expect((await as(b, 'put', `/comments/${c.id}/reaction`).send({ value: 'agree' }).expect(200)).body).toEqual({ agreeCount: 1, disagreeCount: 0, myReaction: 'agree' });
      expect((await as(b, 'put', `/comments/${c.id}/reaction`).send({ value: 'disagree' }).expect(200)).body).toEqual({ agreeCount: 0, disagreeCount: 1, myReaction: 'disagree' });
      const list = await t.http().get(`/articles/${ARTICLE}/comments`).set('Cookie', b.cookie).expect(200);
      expect(list.body.items[0]).toMatchObject({ disagreeCount: 1, myReaction: 'disagree' });
      expect((await as(b, 'delete', `/comments/${c.id}/reaction`).expect(200)).body).toEqual({ agreeCount: 0, disagreeCount: 0, myReaction: null });
      expect((await as(b, 'put', `/comments/${c.id}/reaction`).send({ value: 'love' }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    });

    it('counts equal the rows after 50 readers react at once', async () => {
      const author = await reader();
      const c = (await post(author, 'React to this.').expect(201)).body;
      const crowd: Session[] = [];
      for (let i = 0; i < 50; i++) crowd.push(await reader(`crowd${i}`));
      const values = crowd.map((_, i) => (i % 3 === 0 ? 'disagree' : 'agree'));
      const answers = await Promise.all(crowd.map((s, i) => as(s, 'put', `/comments/${c.id}/reaction`).send({ value: values[i] })));
      expect(answers.every((r) => r.status === 200)).toBe(true);
      // and half of them switch or remove at once
      await Promise.all(
        crowd.slice(0, 25).map((s, i) => (i % 2 ? as(s, 'delete', `/comments/${c.id}/reaction`) : as(s, 'put', `/comments/${c.id}/reaction`).send({ value: 'agree' }))),
      );
      const [rows] = await t.dataSource.query(
        `SELECT count(*) FILTER (WHERE value = 'agree')::int AS agree, count(*) FILTER (WHERE value = 'disagree')::int AS disagree FROM comment_reactions WHERE comment_id = $1`,
        [c.id],
      );
      const [kept] = await t.dataSource.query('SELECT agree_count, disagree_count FROM comments WHERE id = $1', [c.id]);
      expect({ agree: kept.agree_count, disagree: kept.disagree_count }).toEqual(rows);
      expect(rows.agree + rows.disagree).toBe(50 - 12);
    });
  });

  describe('reports', () => {
    it('201 the first time, 200 again, counted once; REPORT_HIDE_THRESHOLD readers hide it', async () => {
      const author = await reader();
      const c = (await post(author, 'Controversial take.').expect(201)).body;
      const [r1, r2, r3] = [await reader(), await reader(), await reader()];
      await as(r1, 'post', `/comments/${c.id}/reports`).send({ reason: 'abuse' }).expect(201);
      await as(r1, 'post', `/comments/${c.id}/reports`).send({ reason: 'spam' }).expect(200);
      await as(r2, 'post', `/comments/${c.id}/reports`).send({ reason: 'hate', note: 'slur in the 2nd line' }).expect(201);
      expect((await t.http().get(`/articles/${ARTICLE}/comments`)).body.items).toHaveLength(1);
      await as(r3, 'post', `/comments/${c.id}/reports`).send({ reason: 'abuse' }).expect(201);
      expect((await t.http().get(`/articles/${ARTICLE}/comments`)).body.items).toHaveLength(0);
      const own = await t.http().get(`/articles/${ARTICLE}/comments`).set('Cookie', author.cookie).expect(200);
      expect(own.body.items[0]).toMatchObject({ id: c.id, status: 'hidden', notice: 'hidden_by_reports' });
      expect((await t.http().get(`/articles/${ARTICLE}`)).body.commentCount).toBe(0);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM comment_reports')).toEqual([{ n: 3 }]);
    });

    it('a NUL character in a report note is dropped, not a 500', async () => {
      const a = await reader();
      const c = (await post(a, 'Reported with a strange note.').expect(201)).body;
      await as(await reader(), 'post', `/comments/${c.id}/reports`).send({ reason: 'other', note: 'see\u0000 here' }).expect(201);
      expect(await t.dataSource.query('SELECT note FROM comment_reports')).toEqual([{ note: 'see here' }]);
    });

    it('validates the reason and refuses reporting one’s own comment', async () => {
      const a = await reader();
      const c = (await post(a, 'Mine.').expect(201)).body;
      const b = await reader();
      expect((await as(b, 'post', `/comments/${c.id}/reports`).send({ reason: 'boring' }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
      expect((await as(a, 'post', `/comments/${c.id}/reports`).send({ reason: 'abuse' }).expect(403)).body.error.code).toBe('FORBIDDEN');
    });
  });

  describe('keyset pagination', () => {
    async function seed(count: number, sameTime: boolean, agree: (i: number) => number): Promise<string[]> {
      const s = await reader('seeder');
      await t.dataSource.query('INSERT INTO articles (id, top_level_count, comment_count) VALUES ($1, $2, $2)', [ARTICLE, count]);
      const rows = await t.dataSource.query(
        `INSERT INTO comments (article_id, author_id, body, status, policy_version, fingerprint, created_at, agree_count)
         SELECT $1, $2, 'comment ' || g, 'published', 'test', md5(g::text), ${sameTime ? `'2026-11-01T00:00:00Z'::timestamptz` : `'2026-11-01T00:00:00Z'::timestamptz + (g / 3) * interval '1 second'`}, ($4::int[])[g]
           FROM generate_series(1, $3) g RETURNING id`,
        [ARTICLE, s.user.id, count, Array.from({ length: count }, (_, i) => agree(i + 1))],
      );
      return rows.map((r: { id: string }) => r.id);
    }

    async function walk(sort: string, limit: number): Promise<{ ids: string[]; pages: number; totals: number[] }> {
      const ids: string[] = [];
      const totals: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { body: { items: { id: string }[]; total: number; nextCursor: string | null } } = await t
          .http()
          .get(`/articles/${ARTICLE}/comments?sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
          .expect(200);
        ids.push(...res.body.items.map((c: { id: string }) => c.id));
        totals.push(res.body.total);
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor);
      return { ids, pages, totals };
    }

    it.each(['newest', 'oldest', 'agreed'])('sort=%s walks every comment once across pages, with ties on the sort key', async (sort) => {
      const ids = await seed(47, false, (i) => i % 4);
      const { ids: seen, pages, totals } = await walk(sort, 10);
      expect(pages).toBe(5);
      expect(new Set(seen).size).toBe(47);
      expect(seen.sort()).toEqual([...ids].sort());
      expect(new Set(totals)).toEqual(new Set([47]));
    });

    it('equal timestamps everywhere are neither skipped nor repeated', async () => {
      const ids = await seed(25, true, () => 7);
      for (const sort of ['newest', 'oldest', 'agreed']) {
        const { ids: seen } = await walk(sort, 4);
        expect(seen).toHaveLength(25);
        expect(new Set(seen)).toEqual(new Set(ids));
      }
    });

    it('orders as asked', async () => {
      await seed(12, false, (i) => (i * 7) % 5);
      const newest = (await t.http().get(`/articles/${ARTICLE}/comments?sort=newest&limit=100`)).body.items;
      const times = newest.map((c: { createdAt: string }) => c.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
      const agreed = (await t.http().get(`/articles/${ARTICLE}/comments?sort=agreed&limit=100`)).body.items.map((c: { agreeCount: number }) => c.agreeCount);
      expect([...agreed].sort((x, y) => y - x)).toEqual(agreed);
    });

    it('refuses a malformed cursor, another list’s cursor, and a bad limit or sort', async () => {
      await seed(5, false, () => 0);
      const page = await t.http().get(`/articles/${ARTICLE}/comments?limit=2`).expect(200);
      const impossible = Buffer.from(JSON.stringify({ s: `${ARTICLE}:newest`, t: '2026-13-40 00:00:00+00', id: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
      const feb30 = Buffer.from(JSON.stringify({ s: `${ARTICLE}:newest`, t: '2026-02-30 25:00:00+00', id: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
      const overflow = Buffer.from(JSON.stringify({ s: `${ARTICLE}:agreed`, t: '2026-11-01 00:00:00+00', id: '00000000-0000-4000-8000-000000000000', a: 2 ** 40 })).toString('base64url');
      for (const q of [`sort=agreed&cursor=${overflow}`, `cursor=${impossible}`, `cursor=${feb30}`, 'cursor=garbage', 'cursor=eyJ4IjoxfQ', `sort=oldest&cursor=${page.body.nextCursor}`, 'limit=0', 'limit=101', 'limit=abc', 'sort=random']) {
        const res = await t.http().get(`/articles/${ARTICLE}/comments?${q}`).expect(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
      }
      await t.http().get(`/articles/other/comments?cursor=${page.body.nextCursor}`).expect(400);
    });

    it('a crafted cursor with the year 0000 or an offset of +99:99 is 400 on every list, never a 500', async () => {
      const s = await reader();
      const top = (await post(s, 'A thread.').expect(201)).body;
      const craft = (scope: string, t: string) => Buffer.from(JSON.stringify({ s: scope, t, id: '00000000-0000-4000-8000-000000000000' })).toString('base64url');
      for (const time of ['0000-06-01 00:00:00+00', '2026-11-01 00:00:00+99:99']) {
        const lists = [
          t.http().get(`/articles/${ARTICLE}/comments?cursor=${craft(`${ARTICLE}:newest`, time)}`),
          t.http().get(`/comments/${top.id}/replies?cursor=${craft(`${top.id}:replies`, time)}`),
          t.http().get(`/users/me/comments?cursor=${craft(`${s.user.id}:mine`, time)}`).set('Cookie', s.cookie),
        ];
        for (const res of await Promise.all(lists)) {
          expect(res.status).toBe(400);
          expect(res.body.error.code).toBe('VALIDATION_FAILED');
        }
      }
    });

    it('a page costs the same number of queries whatever its size (no N+1)', async () => {
      await seed(60, false, () => 0);
      const viewer = await reader('viewer');
      // Every statement the app sends goes through the DataSource's logger: count them.
      const logger = t.dataSource.logger;
      const original = logger.logQuery.bind(logger);
      let statements = 0;
      logger.logQuery = (...args: Parameters<typeof original>) => {
        statements++;
        return original(...args);
      };
      const count = async (limit: number) => {
        statements = 0;
        const res = await t.http().get(`/articles/${ARTICLE}/comments?limit=${limit}`).set('Cookie', viewer.cookie).expect(200);
        expect(res.body.items).toHaveLength(limit);
        return statements;
      };
      try {
        const small = await count(2);
        const large = await count(60);
        expect(large).toBe(small);
        expect(large).toBeLessThanOrEqual(4); // the session, its user, the page (authors and reactions joined), the total
      } finally {
        logger.logQuery = original;
      }
    });
  });

  describe('counts', () => {
    it('GET /articles/counts answers published comments and replies only, for many articles in one call', async () => {
      const s = await reader();
      const top = (await post(s, 'One.', { articleId: 'a' }).expect(201)).body;
      await post(s, 'Two.', { articleId: 'a', parentId: top.id }).expect(201);
      await post(s, 'Three.', { articleId: 'c' }).expect(201);
      const gone = (await post(s, 'Four.', { articleId: 'c' }).expect(201)).body;
      await as(s, 'delete', `/comments/${gone.id}`).expect(204);
      expect((await t.http().get('/articles/counts?ids=a,b,c').expect(200)).body).toEqual({ counts: { a: 2, b: 0, c: 1 } });
    });

    it('stay equal to the rows under concurrent posting and deleting', async () => {
      const people = [await reader(), await reader(), await reader(), await reader()];
      const top = (await post(people[0], 'Thread.').expect(201)).body;
      const created = await Promise.all(people.flatMap((s, i) => [post(s, `Reply ${i}a`, { parentId: top.id }), post(s, `Top ${i}b`)]));
      expect(created.every((r) => r.status === 201)).toBe(true);
      await Promise.all(created.filter((_, i) => i % 3 === 0).map((r) => as(people.find((p) => p.user.id === r.body.author.id)!, 'delete', `/comments/${r.body.id}`)));
      const [article] = await t.dataSource.query('SELECT comment_count, top_level_count FROM articles WHERE id = $1', [ARTICLE]);
      const [rows] = await t.dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'published')::int AS all, count(*) FILTER (WHERE status = 'published' AND parent_id IS NULL)::int AS top FROM comments WHERE article_id = $1`,
        [ARTICLE],
      );
      expect({ all: article.comment_count, top: article.top_level_count }).toEqual(rows);
      const [{ reply_count }] = await t.dataSource.query('SELECT reply_count FROM comments WHERE id = $1', [top.id]);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM comments WHERE parent_id = $1 AND status = 'published'`, [top.id]);
      expect(reply_count).toBe(n);
    });
  });

  describe('restoration requests', () => {
    it('the author of a comment hidden by a rights claim may ask once; 202, then 409', async () => {
      const a = await reader();
      const b = await reader();
      const c = (await post(a, 'Claimed by someone.').expect(201)).body;
      const plain = (await post(a, 'Not claimed.').expect(201)).body;
      await t.dataSource.query(`UPDATE comments SET status = 'hidden', notice = 'hidden_by_claim' WHERE id = $1`, [c.id]);
      expect((await as(b, 'post', `/comments/${c.id}/restoration-request`).expect(404)).body.error.code).toBe('NOT_FOUND');
      expect((await as(a, 'post', `/comments/${plain.id}/restoration-request`).expect(409)).body.error.code).toBe('CONFLICT');
      expect((await as(b, 'post', `/comments/${plain.id}/restoration-request`).expect(403)).body.error.code).toBe('FORBIDDEN');
      await as(a, 'post', `/comments/${c.id}/restoration-request`).expect(202);
      expect((await as(a, 'post', `/comments/${c.id}/restoration-request`).expect(409)).body.error.details.requestedAt).toEqual(expect.any(String));
      const mine = await t.http().get('/users/me/comments').set('Cookie', a.cookie).expect(200);
      expect(mine.body.items.find((x: { id: string }) => x.id === c.id)).toMatchObject({ status: 'hidden', notice: 'hidden_by_claim' });
    });
  });

  describe('the reader’s own data', () => {
    it('GET /users/me/comments lists every status, newest first, with notices', async () => {
      const s = await reader();
      const a = (await post(s, 'Published one.').expect(201)).body;
      const b = (await post(s, 'Deleted one.').expect(201)).body;
      await as(s, 'delete', `/comments/${b.id}`).expect(204);
      await t.http().put(`/articles/${ARTICLE}`).set('Authorization', 'Bearer cms-test-token').send({ moderation: 'pre' }).expect(200);
      const c = (await post(s, 'Held one.').expect(202)).body;
      const res = await t.http().get('/users/me/comments').set('Cookie', s.cookie).expect(200);
      expect(res.body.items.map((x: { id: string; status: string }) => [x.id, x.status])).toEqual([
        [c.id, 'pending'],
        [b.id, 'deleted'],
        [a.id, 'published'],
      ]);
      expect(res.body.total).toBe(3);
      await t.http().get('/users/me/comments').expect(401);
    });

    it('erasing an account while others reply to what it reacted to never deadlocks; counts stay equal to the rows', async () => {
      for (let round = 0; round < 8; round++) {
        const leaving = await reader();
        const others = [await reader(), await reader(), await reader()];
        const articles = [`erase-${round}-a`, `erase-${round}-b`];
        const targets: string[] = [];
        for (const articleId of articles) {
          const mine = (await post(leaving, `Mine, soon erased, on ${articleId}.`, { articleId }).expect(201)).body;
          const theirs = (await post(others[0], `Theirs, reacted to, on ${articleId}.`, { articleId }).expect(201)).body;
          await as(leaving, 'put', `/comments/${theirs.id}/reaction`).send({ value: 'agree' }).expect(200);
          await as(leaving, 'post', `/comments/${theirs.id}/reports`).send({ reason: 'other' }).expect(201);
          await post(others[1], `A reply to the leaver on ${articleId}.`, { articleId, parentId: mine.id }).expect(201);
          targets.push(theirs.id, mine.id);
        }
        const answers = await Promise.all([
          as(leaving, 'delete', '/users/me'),
          ...targets.flatMap((id, i) => [
            post(others[1 + (i % 2)], `A reply at the same moment ${round}-${i}.`, { articleId: articles[Math.floor(i / 2)], parentId: id }),
            post(others[2 - (i % 2)], `Another reply at the same moment ${round}-${i}.`, { articleId: articles[Math.floor(i / 2)], parentId: id }),
            as(others[2 - (i % 2)], 'put', `/comments/${id}/reaction`).send({ value: 'disagree' }),
          ]),
        ]);
        expect(answers.map((r) => r.status).filter((status) => status >= 500)).toEqual([]);
        expect(answers[0].status).toBe(204);
      }
      const drift = await t.dataSource.query(
        `SELECT a.id FROM articles a
          WHERE a.comment_count <> (SELECT count(*) FROM comments c LEFT JOIN comments p ON p.id = c.parent_id
                                     WHERE c.article_id = a.id AND c.status = 'published' AND coalesce(p.status, 'published') IN ('published', 'deleted'))
             OR a.top_level_count <> (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.parent_id IS NULL AND c.status = 'published')`,
      );
      expect(drift).toEqual([]);
      const reactionDrift = await t.dataSource.query(
        `SELECT c.id FROM comments c WHERE c.agree_count <> (SELECT count(*) FROM comment_reactions r WHERE r.comment_id = c.id AND r.value = 'agree')
            OR c.disagree_count <> (SELECT count(*) FROM comment_reactions r WHERE r.comment_id = c.id AND r.value = 'disagree')
            OR c.report_count <> (SELECT count(*) FROM comment_reports r WHERE r.comment_id = c.id)
            OR c.reply_count <> (SELECT count(*) FROM comments r WHERE r.parent_id = c.id AND r.status = 'published')`,
      );
      expect(reactionDrift).toEqual([]);
    });

    it('GET /users/me/export has everything; DELETE /users/me erases it and keeps threads’ shape', async () => {
      const a = await reader('erased');
      const b = await reader('stays');
      const withReplies = (await post(a, 'I will be erased.').expect(201)).body;
      await post(a, 'No replies here.').expect(201);
      await post(b, 'A reply that stays.', { parentId: withReplies.id }).expect(201);
      const bc = (await post(b, 'B’s own comment.').expect(201)).body;
      await as(a, 'put', `/comments/${bc.id}/reaction`).send({ value: 'agree' }).expect(200);
      await as(a, 'post', `/comments/${bc.id}/reports`).send({ reason: 'other' }).expect(201);

      const exp = await t.http().get('/users/me/export').set('Cookie', a.cookie).expect(200);
      expect(exp.body.user.id).toBe(a.user.id);
      expect(exp.body.identities).toHaveLength(1);
      expect(exp.body.comments).toHaveLength(2);
      expect(exp.body.reactions).toEqual([expect.objectContaining({ commentId: bc.id, value: 'agree' })]);
      expect(exp.body.reports).toEqual([expect.objectContaining({ commentId: bc.id, reason: 'other' })]);

      await as(a, 'delete', '/users/me').expect(204);
      await t.http().get('/auth/me').set('Cookie', a.cookie).expect(401);
      expect(await t.dataSource.query('SELECT * FROM users WHERE id = $1', [a.user.id])).toEqual([]);
      const list = await t.http().get(`/articles/${ARTICLE}/comments?sort=oldest`).expect(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ id: withReplies.id, status: 'deleted', author: null, body: '' }),
        expect.objectContaining({ id: bc.id, agreeCount: 0 }),
      ]);
      expect((await t.http().get(`/articles/${ARTICLE}`)).body.commentCount).toBe(2);
      const [{ report_count }] = await t.dataSource.query('SELECT report_count FROM comments WHERE id = $1', [bc.id]);
      expect(report_count).toBe(0);
      const leftovers = await t.dataSource.query(`SELECT count(*)::int AS n FROM comments WHERE body LIKE '%erased%' OR body LIKE 'No replies%'`);
      expect(leftovers).toEqual([{ n: 0 }]);
    });
  });
});

describe('flooding (the policy file’s thresholds)', () => {
  let fakes: FakeProviders;
  let t: TestApp;
  beforeAll(async () => {
    fakes = await startFakeProviders();
    t = await startTestApp({ ...env(fakes), RATE_COMMENT_INTERVAL_SECONDS: '60', RATE_COMMENTS_PER_ARTICLE: '3', RATE_COMMENTS_PER_DAY: '20', RATE_REACTIONS_PER_DAY: '2' });
  });
  afterAll(async () => {
    await t.close();
    await fakes.close();
  });
  beforeEach(() => truncateAll(t.dataSource));

  it('429 RATE_LIMITED with Retry-After less than the interval apart; a refused attempt does not count', async () => {
    const s = await login(t, 'twitter', { screenName: 'fast' });
    const send = (body: string, articleId = ARTICLE) => t.http().post(`/articles/${articleId}/comments`).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).send({ body });
    await send('First thought.').expect(201);
    const res = await send('Second thought, too soon.').expect(429);
    expect(res.body.error).toMatchObject({ code: 'RATE_LIMITED', details: { rule: 'flood.rate' } });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM comments')).toEqual([{ n: 1 }]);
  });

  it('the interval is measured in seconds: 59 s after the last comment is refused with Retry-After 1, 61 s after is accepted', async () => {
    const s = await login(t, 'twitter', { screenName: 'patient' });
    await t.dataSource.query('INSERT INTO articles (id) VALUES ($1)', [ARTICLE]);
    const earlier = (age: number) =>
      t.dataSource.query(
        `INSERT INTO comments (article_id, author_id, body, status, policy_version, fingerprint, created_at)
         VALUES ($1, $2, 'earlier', 'published', 't', md5(random()::text), now() - make_interval(secs => $3))`,
        [ARTICLE, s.user.id, age],
      );
    const send = (body: string) => t.http().post(`/articles/${ARTICLE}/comments`).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).send({ body });
    await earlier(59);
    const early = await send('Fifty-nine seconds later.').expect(429);
    expect(early.body.error.details).toMatchObject({ rule: 'flood.rate', limit: 'interval', seconds: 60 });
    expect(Number(early.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(early.headers['retry-after'])).toBeLessThanOrEqual(2);
    await t.dataSource.query('UPDATE comments SET created_at = now() - interval \'61 seconds\' WHERE author_id = $1', [s.user.id]);
    await send('Sixty-one seconds later.').expect(201);
  });

  it('more than 3 comments on one article is refused without Retry-After', async () => {
    const s = await login(t, 'twitter', { screenName: 'persistent' });
    // Three earlier comments on this article, an hour ago (past the interval, within the day).
    await t.dataSource.query('INSERT INTO articles (id) VALUES ($1)', [ARTICLE]);
    await t.dataSource.query(
      `INSERT INTO comments (article_id, author_id, body, status, policy_version, fingerprint, created_at)
       SELECT $1, $2, 'earlier ' || g, 'published', 't', md5(g::text), now() - interval '1 hour' FROM generate_series(1, 3) g`,
      [ARTICLE, s.user.id],
    );
    const res = await t.http().post(`/articles/${ARTICLE}/comments`).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).send({ body: 'A fourth one.' }).expect(429);
    expect(res.body.error.details.rule).toBe('flood.rate');
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('the same comment again within a day is flood.duplicate', async () => {
    const s = await login(t, 'twitter', { screenName: 'parrot' });
    await t.dataSource.query('INSERT INTO articles (id) VALUES ($1), ($2)', ['x1', 'x2']);
    await t.dataSource.query(
      `INSERT INTO comments (article_id, author_id, body, status, policy_version, fingerprint, created_at) VALUES ('x1', $1, 'Vote for me!', 'published', 't', $2, now() - interval '2 hours')`,
      [s.user.id, await fingerprintOf(t, 'Vote for me!')],
    );
    const res = await t.http().post('/articles/x2/comments').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken).send({ body: 'VOTE for me!!!' }).expect(422);
    expect(res.body.error.details.rule).toBe('flood.duplicate');
  });

  it('more reactions a day than allowed is 429', async () => {
    const a = await login(t, 'twitter', { screenName: 'writer' });
    const b = await login(t, 'twitter', { screenName: 'clicker' });
    await t.dataSource.query('INSERT INTO articles (id) VALUES ($1)', [ARTICLE]);
    const ids: string[] = (
      await t.dataSource.query(
        `INSERT INTO comments (article_id, author_id, body, status, policy_version, fingerprint) SELECT $1, $2, 'c' || g, 'published', 't', md5(g::text) FROM generate_series(1, 3) g RETURNING id`,
        [ARTICLE, a.user.id],
      )
    ).map((r: { id: string }) => r.id);
    const react = (id: string, value: string) => t.http().put(`/comments/${id}/reaction`).set('Cookie', b.cookie).set('X-CSRF-Token', b.csrfToken).send({ value });
    await react(ids[0], 'agree').expect(200);
    await react(ids[1], 'agree').expect(200);
    const res = await react(ids[2], 'agree').expect(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
    await t.http().delete(`/comments/${ids[0]}/reaction`).set('Cookie', b.cookie).set('X-CSRF-Token', b.csrfToken).expect(200);
  });
});

/** The fingerprint the server stores for a body, computed by the same engine the server runs. */
async function fingerprintOf(t: TestApp, body: string): Promise<string> {
  const engine = t.app.get(POLICY_ENGINE) as { fingerprint(b: string): string };
  return engine.fingerprint(body);
}
