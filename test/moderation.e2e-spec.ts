import { startFakeProviders, type FakeProviders } from './fakes/fake-providers';
import { TestApp, startTestApp, truncateAll } from './helpers/app';
import { freePort } from './helpers/free-port';
import { Session, login } from './helpers/login';
import { NO_FLOOD_LIMITS, providerEnv } from './helpers/provider-env';
import { SseClient } from './helpers/sse';
import { ClaimsSweeper } from '../src/moderation/claims-sweeper';

const ARTICLE = 'moderated-article';

function env(fakes: FakeProviders, extra: Record<string, string> = {}): Record<string, string> {
  return providerEnv(fakes, { CMS_API_TOKEN: 'cms-moderation', ...NO_FLOOD_LIMITS, ...extra });
}

describe('moderation (HTTP, real logins, real Postgres)', () => {
  let fakes: FakeProviders;
  let t: TestApp;
  let n = 0;
  const reader = (name = `reader${++n}`) => login(t, 'twitter', { screenName: name, name });
  const as = (s: Session, method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string) =>
    t.http()[method](path).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken);
  const post = (s: Session, body: string, extra: { parentId?: string; articleId?: string } = {}) =>
    as(s, 'post', `/articles/${extra.articleId ?? ARTICLE}/comments`).send({ body, ...(extra.parentId ? { parentId: extra.parentId } : {}) });
  const cms = (settings: Record<string, unknown>, articleId = ARTICLE) =>
    t.http().put(`/articles/${articleId}`).set('Authorization', 'Bearer cms-moderation').send(settings).expect(200);
  /** A reader made staff the way the tests can: the first admin by hand (as ADMIN_IDENTITIES would), the rest through the API. */
  const staff = async (role: 'moderator' | 'admin', name = `keeper${++n}`): Promise<Session> => {
    const s = await reader(name);
    await t.dataSource.query('UPDATE users SET role = $2 WHERE id = $1', [s.user.id, role]);
    return s;
  };
  const row = async (id: string) => (await t.dataSource.query('SELECT status, notice, body, report_count, reply_count FROM comments WHERE id = $1', [id]))[0];
  const counts = async (articleId = ARTICLE) => {
    const [kept] = await t.dataSource.query('SELECT comment_count, top_level_count FROM articles WHERE id = $1', [articleId]);
    const [real] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE c.status = 'published' AND coalesce(p.status, 'published') IN ('published', 'deleted'))::int AS all,
              count(*) FILTER (WHERE c.status = 'published' AND c.parent_id IS NULL)::int AS top
         FROM comments c LEFT JOIN comments p ON p.id = c.parent_id WHERE c.article_id = $1`,
      [articleId],
    );
    return { kept: { all: kept?.comment_count ?? 0, top: kept?.top_level_count ?? 0 }, real };
  };
  const expectCountsRight = async () => {
    const c = await counts();
    expect(c.kept).toEqual(c.real);
    const list = await t.http().get(`/articles/${ARTICLE}/comments?limit=100`).expect(200);
    expect(list.body.total).toBe(c.real.top);
    expect((await t.http().get(`/articles/${ARTICLE}`).expect(200)).body.commentCount).toBe(c.real.all);
  };
  /** A held comment, on a pre-moderated article. */
  const held = async (s: Session, body: string) => {
    await cms({ moderation: 'pre' });
    const c = (await post(s, body).expect(202)).body;
    await cms({ moderation: 'post' });
    return c;
  };

  beforeAll(async () => {
    fakes = await startFakeProviders();
    t = await startTestApp(env(fakes));
  });
  afterAll(async () => {
    await t.close();
    await fakes.close();
  });
  beforeEach(() => truncateAll(t.dataSource));

  describe('who may call what', () => {
    /**
     * Every moderation route, as each role: anonymous 401, a reader 403,
     * moderators and admins through to the route itself (here with ids that
     * do not exist, so 404, or an empty queue, so 200), and the role route
     * for admins only. A route the OpenAPI document has and this table has
     * not fails the test.
     */
    const NO_ID = '00000000-0000-4000-8000-000000000000';
    const ROUTES: [string, string, unknown, Record<'moderator' | 'admin', number>][] = [
      ['get', '/moderation/queue', undefined, { moderator: 200, admin: 200 }],
      ['get', '/moderation/audit', undefined, { moderator: 200, admin: 200 }],
      ['get', `/moderation/comments/${NO_ID}`, undefined, { moderator: 404, admin: 404 }],
      ['get', `/moderation/users/${NO_ID}`, undefined, { moderator: 404, admin: 404 }],
      ['post', `/moderation/comments/${NO_ID}/approve`, {}, { moderator: 404, admin: 404 }],
      ['post', `/moderation/comments/${NO_ID}/reject`, {}, { moderator: 404, admin: 404 }],
      ['post', `/moderation/comments/${NO_ID}/hide`, {}, { moderator: 404, admin: 404 }],
      ['post', `/moderation/comments/${NO_ID}/restore`, {}, { moderator: 404, admin: 404 }],
      ['post', `/moderation/comments/${NO_ID}/delete`, {}, { moderator: 404, admin: 404 }],
      ['post', `/moderation/comments/${NO_ID}/claims`, { claimant: 'x', reason: 'y' }, { moderator: 404, admin: 404 }],
      ['post', `/moderation/users/${NO_ID}/sanctions`, { type: 'ban', reason: 'r' }, { moderator: 404, admin: 404 }],
      ['delete', `/moderation/users/${NO_ID}/sanctions`, {}, { moderator: 404, admin: 404 }],
      ['put', `/moderation/users/${NO_ID}/role`, { role: 'moderator' }, { moderator: 403, admin: 404 }],
      ['post', `/moderation/users/${NO_ID}/display-name/approve`, {}, { moderator: 404, admin: 404 }],
    ];

    it('the table covers every moderation route the OpenAPI document has', async () => {
      const doc = (await t.http().get('/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
      const served = Object.entries(doc.paths)
        .filter(([p]) => p.startsWith('/moderation') && p !== '/moderation/events')
        .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m} ${p.replace(/\{id\}/g, NO_ID)}`));
      expect(served.sort()).toEqual(ROUTES.map(([m, p]) => `${m} ${p}`).sort());
    });

    /** One call as it comes from a client: a session's cookie and CSRF token, or nothing. */
    const call = (method: string, path: string, body: unknown, s?: Session) => {
      let req = (t.http() as unknown as Record<string, (p: string) => import('supertest').Test>)[method](path);
      if (s) req = req.set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken);
      return method === 'get' ? req : req.send(body as object);
    };

    it.each(ROUTES)('%s %s: anonymous 401, reader 403, moderator and admin as the table says', async (method, path, body, expected) => {
      const anon = await call(method, path, body);
      expect([anon.status, anon.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
      const asReader = await call(method, path, body, await reader());
      expect([asReader.status, asReader.body.error.code]).toEqual([403, 'FORBIDDEN']);
      for (const role of ['moderator', 'admin'] as const) {
        const res = await call(method, path, body, await staff(role));
        expect([role, res.status]).toEqual([role, expected[role]]);
      }
    });

    it('every state change needs the CSRF token, from a moderator too', async () => {
      const mod = await staff('moderator');
      const author = await reader();
      const c = await held(author, 'Held until a moderator decides.');
      const res = await t.http().post(`/moderation/comments/${c.id}/approve`).set('Cookie', mod.cookie).send({}).expect(403);
      expect(res.body.error.code).toBe('CSRF_FAILED');
      expect((await row(c.id)).status).toBe('pending');
    });

    it('the live queue is for moderators only', async () => {
      const r = await reader();
      expect((await t.http().get('/moderation/events').set('Cookie', r.cookie).expect(403)).body.error.code).toBe('FORBIDDEN');
      await t.http().get('/moderation/events').expect(401);
    });
  });

  describe('decisions', () => {
    it('approve publishes a held comment: counts, the public list and the audit log follow', async () => {
      const mod = await staff('moderator');
      const author = await reader();
      const c = await held(author, 'Waiting for the editors.');
      expect((await t.http().get(`/articles/${ARTICLE}/comments`)).body.items).toEqual([]);
      const res = await as(mod, 'post', `/moderation/comments/${c.id}/approve`).send({ reason: 'fine' }).expect(200);
      expect(res.body).toMatchObject({ id: c.id, status: 'published', notice: null, body: 'Waiting for the editors.' });
      expect(await row(c.id)).toMatchObject({ status: 'published', notice: null });
      expect((await t.http().get(`/articles/${ARTICLE}/comments`)).body.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
      await expectCountsRight();
      const audit = await as(mod, 'get', `/moderation/audit?targetId=${c.id}`).expect(200);
      expect(audit.body.items).toEqual([
        expect.objectContaining({
          actor: { id: mod.user.id, kind: 'moderator', displayName: mod.user.displayName },
          action: 'comment.approve',
          target: { type: 'comment', id: c.id },
          reason: 'fine',
          before: expect.objectContaining({ status: 'pending', body: 'Waiting for the editors.' }),
          after: expect.objectContaining({ status: 'published' }),
        }),
      ]);
    });

    it('hide takes a published comment and its thread out of view; restore brings them back', async () => {
      const mod = await staff('moderator');
      const a = await reader();
      const b = await reader();
      const top = (await post(a, 'A thread to hide.').expect(201)).body;
      await post(b, 'A reply in it.', { parentId: top.id }).expect(201);
      await post(b, 'Another comment.').expect(201);
      await as(mod, 'post', `/moderation/comments/${top.id}/hide`).send({}).expect(200);
      expect(await row(top.id)).toMatchObject({ status: 'hidden', notice: 'hidden_by_moderator' });
      expect((await t.http().get(`/articles/${ARTICLE}`)).body.commentCount).toBe(1);
      await expectCountsRight();
      const own = await t.http().get('/users/me/comments').set('Cookie', a.cookie).expect(200);
      expect(own.body.items[0]).toMatchObject({ id: top.id, notice: 'hidden_by_moderator' });
      await as(mod, 'post', `/moderation/comments/${top.id}/restore`).send({}).expect(200);
      expect((await t.http().get(`/articles/${ARTICLE}`)).body.commentCount).toBe(3);
      await expectCountsRight();
    });

    it('reject removes a held comment and confirms the rule that held it: a strike', async () => {
      const mod = await staff('moderator');
      const author = await reader();
      const c = (await post(author, '자세한 건 http://example.com 참고').expect(202)).body;
      const res = await as(mod, 'post', `/moderation/comments/${c.id}/reject`).send({}).expect(200);
      expect(res.body).toMatchObject({ status: 'deleted', body: '', notice: 'removed_by_moderator' });
      const [strike] = await t.dataSource.query('SELECT user_id, rule FROM strikes');
      expect(strike).toEqual({ user_id: author.user.id, rule: 'spam.link' });
      const mine = await t.http().get('/users/me/comments').set('Cookie', author.cookie).expect(200);
      expect(mine.body.items[0]).toMatchObject({ id: c.id, status: 'deleted', notice: 'removed_by_moderator' });
      await expectCountsRight();
    });

    it('delete with a rule is a strike; delete without one is not', async () => {
      const mod = await staff('moderator');
      const author = await reader();
      const one = (await post(author, 'Deleted with a rule.').expect(201)).body;
      const two = (await post(author, 'Deleted without one.').expect(201)).body;
      await as(mod, 'post', `/moderation/comments/${one.id}/delete`).send({ rule: 'hate', reason: 'a slur' }).expect(200);
      await as(mod, 'post', `/moderation/comments/${two.id}/delete`).send({}).expect(200);
      expect(await t.dataSource.query('SELECT comment_id, rule FROM strikes')).toEqual([{ comment_id: one.id, rule: 'hate' }]);
      expect((await as(mod, 'post', `/moderation/comments/${two.id}/delete`).send({ rule: 'not-a-rule' }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
      await expectCountsRight();
    });

    it('a decision from the wrong state is 409 with the decision that won', async () => {
      const [m1, m2] = [await staff('moderator'), await staff('moderator')];
      const author = await reader();
      const c = await held(author, 'Two moderators, one comment.');
      await as(m1, 'post', `/moderation/comments/${c.id}/reject`).send({ reason: 'no' }).expect(200);
      const res = await as(m2, 'post', `/moderation/comments/${c.id}/approve`).send({}).expect(409);
      expect(res.body.error).toMatchObject({
        code: 'CONFLICT',
        details: { status: 'deleted', decision: { action: 'comment.reject', actorId: m1.user.id, actorName: m1.user.displayName, reason: 'no' } },
      });
    });

    it('two moderators deciding the same comment at once: one wins, the other gets 409 with that decision', async () => {
      const [m1, m2] = [await staff('moderator'), await staff('moderator')];
      const author = await reader();
      for (let round = 0; round < 3; round++) {
        const c = await held(author, `Contested comment ${round}.`);
        const [a, b] = await Promise.all([
          as(m1, 'post', `/moderation/comments/${c.id}/approve`).send({}),
          as(m2, 'post', `/moderation/comments/${c.id}/reject`).send({}),
        ]);
        expect([a.status, b.status].sort()).toEqual([200, 409]);
        const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
        expect(loser.body.error.details.decision.action).toBe(winner === a ? 'comment.approve' : 'comment.reject');
        const entries = await t.dataSource.query(`SELECT action FROM moderation_audit WHERE target_id = $1 AND action LIKE 'comment.%'`, [c.id]);
        expect(entries).toHaveLength(1);
        await expectCountsRight();
      }
    });
  });

  describe('reports', () => {
    it('queue a comment below the threshold and hide it at the threshold of distinct readers; the author and repeats never count', async () => {
      const mod = await staff('moderator');
      const author = await reader();
      const c = (await post(author, 'Reported by several readers.').expect(201)).body;
      const [r1, r2, r3] = [await reader(), await reader(), await reader()];
      await as(author, 'post', `/comments/${c.id}/reports`).send({ reason: 'abuse' }).expect(403);
      await as(r1, 'post', `/comments/${c.id}/reports`).send({ reason: 'abuse', note: 'insult' }).expect(201);
      await as(r1, 'post', `/comments/${c.id}/reports`).send({ reason: 'abuse' }).expect(200);
      await as(r1, 'post', `/comments/${c.id}/reports`).send({ reason: 'spam' }).expect(200);
      const reported = await as(mod, 'get', '/moderation/queue?status=reported').expect(200);
      expect(reported.body.items).toEqual([
        expect.objectContaining({ kind: 'comment', reports: { count: 1, reasons: { abuse: 1 }, reporterIds: [r1.user.id], items: [expect.objectContaining({ note: 'insult' })] } }),
      ]);
      await as(r2, 'post', `/comments/${c.id}/reports`).send({ reason: 'hate' }).expect(201);
      expect((await row(c.id)).status).toBe('published');
      await as(r3, 'post', `/comments/${c.id}/reports`).send({ reason: 'abuse' }).expect(201);
      expect(await row(c.id)).toMatchObject({ status: 'hidden', notice: 'hidden_by_reports', report_count: 3 });
      const hidden = await as(mod, 'get', '/moderation/queue?status=hidden').expect(200);
      expect(hidden.body.items.map((i: { comment: { id: string } }) => i.comment.id)).toEqual([c.id]);
      expect(hidden.body.items[0].reports.reasons).toEqual({ abuse: 2, hate: 1 });
      await expectCountsRight();
    });

    it('a restore clears the reports: the same readers cannot hide it again, new ones can', async () => {
      const mod = await staff('moderator');
      const author = await reader();
      const c = (await post(author, 'Hidden by reports, then restored.').expect(201)).body;
      const first = [await reader(), await reader(), await reader()];
      for (const r of first) await as(r, 'post', `/comments/${c.id}/reports`).send({ reason: 'abuse' }).expect(201);
      expect((await row(c.id)).status).toBe('hidden');
      await as(mod, 'post', `/moderation/comments/${c.id}/restore`).send({ reason: 'fair comment' }).expect(200);
      expect(await row(c.id)).toMatchObject({ status: 'published', report_count: 0 });
      for (const r of first) await as(r, 'post', `/comments/${c.id}/reports`).send({ reason: 'abuse' }).expect(200);
      expect(await row(c.id)).toMatchObject({ status: 'published', report_count: 0 });
      expect((await as(mod, 'get', '/moderation/queue?status=reported').expect(200)).body.items).toEqual([]);
      for (const r of [await reader(), await reader(), await reader()]) await as(r, 'post', `/comments/${c.id}/reports`).send({ reason: 'spam' }).expect(201);
      expect(await row(c.id)).toMatchObject({ status: 'hidden', report_count: 3 });
      await expectCountsRight();
    });
  });

  describe('sanctions', () => {
    it('the strike ladder, rung by rung: a warning, 1, 7 and 30 days, then a ban', async () => {
      const mod = await staff('moderator');
      const author = await reader();
      const comments = [];
      for (let i = 0; i < 6; i++) comments.push(await held(author, `Held comment number ${i}.`));
      const day = 86_400_000;
      const expected: [string, number | null][] = [
        ['warning', null],
        ['suspend', 1 * day],
        ['suspend', 7 * day],
        ['suspend', 30 * day],
        ['ban', null],
        ['ban', null],
      ];
      for (const [i, [kind, length]] of expected.entries()) {
        const before = Date.now();
        await as(mod, 'post', `/moderation/comments/${comments[i].id}/reject`).send({ rule: 'profanity' }).expect(200);
        const [s] = await t.dataSource.query('SELECT kind, until, reason FROM sanctions WHERE user_id = $1 ORDER BY id DESC LIMIT 1', [author.user.id]);
        expect([i + 1, s.kind]).toEqual([i + 1, kind]);
        expect(s.reason).toBe(`Strike ${i + 1} (profanity)`);
        const [u] = await t.dataSource.query('SELECT suspended_until FROM users WHERE id = $1', [author.user.id]);
        if (kind === 'warning') expect(u.suspended_until).toBeNull();
        if (kind === 'suspend') {
          expect(s.until.getTime()).toBeGreaterThanOrEqual(before + length! - 1000);
          expect(s.until.getTime()).toBeLessThanOrEqual(Date.now() + length! + 1000);
          expect(u.suspended_until.toISOString()).toBe(s.until.toISOString());
        }
        if (kind === 'ban') expect(u.suspended_until.toISOString()).toBe('9999-12-31T23:59:59.000Z');
      }
      const me = await t.http().get('/auth/me').set('Cookie', author.cookie).expect(200);
      // The sixth strike records another ban; the one in force (the fifth's) stands.
      expect(me.body.user.suspension).toEqual({ until: '9999-12-31T23:59:59.000Z', reason: 'Strike 5 (profanity)', permanent: true });
      const refused = await post(author, 'Still here?').expect(403);
      expect(refused.body.error.details).toMatchObject({ permanent: true, reason: 'Strike 5 (profanity)' });
    });

    it('a direct suspension refuses posting, editing, reacting and reporting with one body, shows at /auth/me, and ends by itself', async () => {
      const mod = await staff('moderator');
      const r = await reader();
      const other = await reader();
      const mine = (await post(r, 'Before the suspension.').expect(201)).body;
      const theirs = (await post(other, 'Someone else’s.').expect(201)).body;
      const s = await as(mod, 'post', `/moderation/users/${r.user.id}/sanctions`).send({ type: 'suspend', days: 3, reason: 'personal attacks' }).expect(201);
      expect(s.body).toMatchObject({ kind: 'suspend', reason: 'personal attacks', until: expect.any(String) });
      const answers = [
        await post(r, 'During it.'),
        await as(r, 'patch', `/comments/${mine.id}`).send({ body: 'Edited during it.' }),
        await as(r, 'put', `/comments/${theirs.id}/reaction`).send({ value: 'agree' }),
        await as(r, 'post', `/comments/${theirs.id}/reports`).send({ reason: 'abuse' }),
      ];
      for (const a of answers) expect([a.status, a.body]).toEqual([403, answers[0].body]);
      expect(answers[0].body.error).toMatchObject({ code: 'ACCOUNT_SUSPENDED', details: { until: s.body.until, reason: 'personal attacks', permanent: false } });
      expect((await t.http().get('/auth/me').set('Cookie', r.cookie).expect(200)).body.user.suspension).toEqual({ until: s.body.until, reason: 'personal attacks', permanent: false });
      // Its end time comes: nobody lifts it, it ends by itself.
      await t.dataSource.query(`UPDATE users SET suspended_until = now() + interval '1 second' WHERE id = $1`, [r.user.id]);
      await new Promise((resolve) => setTimeout(resolve, 1200));
      await post(r, 'After it ended.').expect(201);
      expect((await t.http().get('/auth/me').set('Cookie', r.cookie).expect(200)).body.user).toMatchObject({ suspendedUntil: null, suspension: null });
    });

    it('a ban is lifted by DELETE; a second DELETE is 409; staff and oneself cannot be sanctioned', async () => {
      const mod = await staff('moderator');
      const other = await staff('moderator');
      const r = await reader();
      await as(mod, 'post', `/moderation/users/${r.user.id}/sanctions`).send({ type: 'ban', reason: 'spam bot' }).expect(201);
      await post(r, 'Banned?').expect(403);
      await as(mod, 'delete', `/moderation/users/${r.user.id}/sanctions`).send({ reason: 'appeal accepted' }).expect(204);
      await post(r, 'Back again.').expect(201);
      expect((await as(mod, 'delete', `/moderation/users/${r.user.id}/sanctions`).send({}).expect(409)).body.error.code).toBe('CONFLICT');
      await as(mod, 'post', `/moderation/users/${other.user.id}/sanctions`).send({ type: 'ban', reason: 'x' }).expect(403);
      await as(mod, 'post', `/moderation/users/${mod.user.id}/sanctions`).send({ type: 'ban', reason: 'x' }).expect(403);
      expect((await as(mod, 'post', `/moderation/users/${r.user.id}/sanctions`).send({ type: 'suspend', reason: 'no days' }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
      const actions = (await as(mod, 'get', `/moderation/audit?targetId=${r.user.id}`).expect(200)).body.items.map((e: { action: string }) => e.action);
      expect(actions).toEqual(['user.sanction.lift', 'user.ban']);
    });
  });

  describe('rights claims (임시조치)', () => {
    it('through their whole life: hidden 30 days, the author asks once, due on another instance once, then restored', async () => {
      const mod = await staff('moderator');
      const author = await reader();
      const c = (await post(author, 'A claim will hide this.').expect(201)).body;
      const opened = await as(mod, 'post', `/moderation/comments/${c.id}/claims`).send({ claimant: 'Hong Gil-dong', reason: 'defamation' }).expect(201);
      const days = (new Date(opened.body.claim.hiddenUntil).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(29.9);
      expect(days).toBeLessThanOrEqual(30);
      expect(opened.body.comment).toMatchObject({ status: 'hidden', notice: 'hidden_by_claim' });
      await as(mod, 'post', `/moderation/comments/${c.id}/claims`).send({ claimant: 'again', reason: 'again' }).expect(409);
      await expectCountsRight();
      expect((await as(mod, 'get', '/moderation/queue?status=claims').expect(200)).body.items).toEqual([]);

      const mine = await t.http().get('/users/me/comments').set('Cookie', author.cookie).expect(200);
      expect(mine.body.items[0]).toMatchObject({ id: c.id, status: 'hidden', notice: 'hidden_by_claim' });

      // The period runs out; two instances sweep at once: it is announced once.
      await t.dataSource.query(`UPDATE comment_claims SET hidden_until = now() - interval '1 minute'`);
      const second = await startTestApp(env(fakes));
      try {
        const swept = await Promise.all([t.app.get(ClaimsSweeper).sweep(), second.app.get(ClaimsSweeper).sweep(), second.app.get(ClaimsSweeper).sweep()]);
        expect(swept.reduce((x, y) => x + y, 0)).toBe(1);
      } finally {
        await second.close();
      }
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM moderation_audit WHERE action = 'claim.due'`)).toEqual([{ n: 1 }]);
      expect(await t.dataSource.query(`SELECT kind, subject_id FROM moderation_events WHERE kind = 'claim.due'`)).toEqual([{ kind: 'claim.due', subject_id: c.id }]);
      const due = await as(mod, 'get', '/moderation/queue?status=claims').expect(200);
      expect(due.body.items).toEqual([expect.objectContaining({ claim: expect.objectContaining({ claimant: 'Hong Gil-dong' }), comment: expect.objectContaining({ id: c.id }) })]);

      await as(author, 'post', `/comments/${c.id}/restoration-request`).expect(202);
      await as(author, 'post', `/comments/${c.id}/restoration-request`).expect(409);
      expect((await as(mod, 'get', '/moderation/queue?status=claims').expect(200)).body.items[0].restorationRequestedAt).toEqual(expect.any(String));

      await as(mod, 'post', `/moderation/comments/${c.id}/restore`).send({ reason: 'claim not substantiated' }).expect(200);
      expect(await t.dataSource.query('SELECT resolution, resolved_by FROM comment_claims')).toEqual([{ resolution: 'restored', resolved_by: mod.user.id }]);
      expect((await as(mod, 'get', '/moderation/queue?status=claims').expect(200)).body.items).toEqual([]);
      expect((await t.http().get(`/articles/${ARTICLE}/comments`)).body.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
      await expectCountsRight();
      const history = (await as(mod, 'get', `/moderation/audit?targetId=${c.id}`).expect(200)).body.items.map((e: { action: string }) => e.action);
      expect(history).toEqual(['comment.restore', 'claim.due', 'comment.claim']);
    });

    it('a claim asked about before its time shows in the queue; deleting it closes the claim', async () => {
      const mod = await staff('moderator');
      const author = await reader();
      const c = (await post(author, 'Claimed, then deleted.').expect(201)).body;
      await as(mod, 'post', `/moderation/comments/${c.id}/claims`).send({ claimant: 'A company', reason: 'trade secret' }).expect(201);
      await as(author, 'post', `/comments/${c.id}/restoration-request`).expect(202);
      expect((await as(mod, 'get', '/moderation/queue?status=claims').expect(200)).body.items).toHaveLength(1);
      await as(mod, 'post', `/moderation/comments/${c.id}/delete`).send({}).expect(200);
      expect(await t.dataSource.query('SELECT resolution FROM comment_claims')).toEqual([{ resolution: 'deleted' }]);
      await expectCountsRight();
    });
  });

  describe('the queue', () => {
    it('lists held comments oldest first, keyset-paginated, with the article, the rules, the reports and the author’s record', async () => {
      const mod = await staff('moderator');
      const author = await reader('queued-author');
      await cms({ title: 'An article under review', url: 'https://news.example.com/a' });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await held(author, `Queued comment ${i}.`)).id);
      const page1 = await as(mod, 'get', '/moderation/queue?status=pending&limit=2').expect(200);
      expect(page1.body.items[0]).toEqual({
        kind: 'comment',
        comment: expect.objectContaining({ id: ids[0], status: 'pending', notice: 'awaiting_review', body: 'Queued comment 0.' }),
        article: { id: ARTICLE, title: 'An article under review', url: 'https://news.example.com/a' },
        // English: the toxicity scorer recorded its score and abstained (too little Hangul).
        policy: { version: expect.any(String), rules: ['article.premoderated'], toxicity: expect.objectContaining({ band: 'none', abstained: true }) },
        reports: { count: 0, reasons: {}, reporterIds: [], items: [] },
        author: expect.objectContaining({ id: author.user.id, displayName: 'queued-author', comments: 5, strikes: 0, accountAgeDays: 0, suspendedUntil: null }),
        claim: null,
        restorationRequestedAt: null,
      });
      const seen = [...page1.body.items];
      let cursor = page1.body.nextCursor;
      while (cursor) {
        const page = await as(mod, 'get', `/moderation/queue?status=pending&limit=2&cursor=${cursor}`).expect(200);
        seen.push(...page.body.items);
        cursor = page.body.nextCursor;
      }
      expect(seen.map((i) => i.comment.id)).toEqual(ids);
      expect((await as(mod, 'get', `/moderation/queue?status=pending&articleId=elsewhere`).expect(200)).body.items).toEqual([]);
      await as(mod, 'get', '/moderation/queue?status=everything').expect(400);
      await as(mod, 'get', `/moderation/queue?status=hidden&cursor=${page1.body.nextCursor}`).expect(400);
    });

    it('a comment’s whole thread, every state, and a person’s record, for moderators', async () => {
      const mod = await staff('moderator');
      const a = await reader();
      const b = await reader();
      const top = (await post(a, 'A thread with a held reply.').expect(201)).body;
      await post(b, 'A public reply.', { parentId: top.id }).expect(201);
      await cms({ moderation: 'pre' });
      const heldReply = (await post(b, 'A held reply.', { parentId: top.id }).expect(202)).body;
      await cms({ moderation: 'post' });
      await as(mod, 'post', `/moderation/comments/${top.id}/hide`).send({}).expect(200);
      const thread = await as(mod, 'get', `/moderation/comments/${heldReply.id}`).expect(200);
      expect(thread.body.comment).toMatchObject({ kind: 'comment', comment: { id: heldReply.id, status: 'pending' } });
      expect(thread.body.top).toMatchObject({ id: top.id, status: 'hidden', notice: 'hidden_by_moderator', body: 'A thread with a held reply.' });
      expect(thread.body.replies.map((r: { body: string; status: string }) => [r.body, r.status])).toEqual([
        ['A public reply.', 'published'],
        ['A held reply.', 'pending'],
      ]);
      expect(thread.body.moreReplies).toBe(false);
      const person = await as(mod, 'get', `/moderation/users/${b.user.id}`).expect(200);
      expect(person.body).toMatchObject({ id: b.user.id, role: 'reader', comments: 2, strikes: 0, suspendedUntil: null, requestedName: null });
    });

    it('a page is one statement whatever its size', async () => {
      const mod = await staff('moderator');
      const author = await reader();
      for (let i = 0; i < 12; i++) await held(author, `Counted ${i}.`);
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
        const res = await as(mod, 'get', `/moderation/queue?status=pending&limit=${limit}`).expect(200);
        expect(res.body.items).toHaveLength(limit);
        return statements;
      };
      try {
        const small = await count(2);
        const large = await count(12);
        expect(large).toBe(small);
        expect(large).toBeLessThanOrEqual(3); // the session, its user, the page
      } finally {
        logger.logQuery = original;
      }
    });

    it('moderators’ pages hear of new items without polling: ids and kinds, no text', async () => {
      const mod = await staff('moderator');
      const author = await reader();
      const port = await freePort();
      await t.app.listen({ port, host: '127.0.0.1' });
      const stream = await SseClient.open(`http://127.0.0.1:${port}/moderation/events`, undefined, { cookie: mod.cookie });
      try {
        expect(stream.status).toBe(200);
        const c = await held(author, 'Secret words nobody else may read.');
        const [frame] = await stream.waitFor(1);
        expect(frame.event).toBe('comment.pending');
        expect(JSON.parse(frame.data!)).toEqual({ kind: 'comment.pending', id: c.id });
        expect(stream.frames.map((f) => f.data ?? '').join('')).not.toContain('Secret');
      } finally {
        stream.close();
      }
    });
  });

  describe('roles and names', () => {
    it('an admin grants and withdraws roles; the last admin cannot step down; the audit log keeps each change', async () => {
      const admin = await staff('admin');
      const r = await reader();
      await as(admin, 'put', `/moderation/users/${r.user.id}/role`).send({ role: 'moderator' }).expect(200);
      await as(r, 'get', '/moderation/queue').expect(200);
      await as(r, 'put', `/moderation/users/${admin.user.id}/role`).send({ role: 'reader' }).expect(403);
      expect((await as(admin, 'put', `/moderation/users/${admin.user.id}/role`).send({ role: 'moderator' }).expect(409)).body.error.code).toBe('CONFLICT');
      await as(admin, 'put', `/moderation/users/${r.user.id}/role`).send({ role: 'admin' }).expect(200);
      await as(admin, 'put', `/moderation/users/${admin.user.id}/role`).send({ role: 'reader' }).expect(200);
      await as(admin, 'get', '/moderation/queue').expect(403);
      const log = (await as(r, 'get', `/moderation/audit?actorId=${admin.user.id}`).expect(200)).body.items;
      expect(log.map((e: { action: string; after: { role: string } }) => [e.action, e.after.role])).toEqual([
        ['user.role', 'reader'],
        ['user.role', 'admin'],
        ['user.role', 'moderator'],
      ]);
      await as(r, 'put', `/moderation/users/${r.user.id}/role`).send({ role: 'reader' }).expect(409);
    });

    it('a flagged display name waits in the queue as a neutral handle until a moderator approves it', async () => {
      const mod = await staff('moderator');
      const flagged = await login(t, 'twitter', { screenName: 'kimreporter', name: '김민지 기자' });
      expect(flagged.user.displayName).toMatch(/^독자-/);
      const names = await as(mod, 'get', '/moderation/queue?status=names').expect(200);
      expect(names.body.items).toEqual([{ kind: 'name', user: expect.objectContaining({ id: flagged.user.id, requestedName: '김민지 기자', displayName: flagged.user.displayName }) }]);
      await as(mod, 'post', `/moderation/users/${flagged.user.id}/display-name/approve`).send({}).expect(200);
      expect((await t.http().get('/auth/me').set('Cookie', flagged.cookie).expect(200)).body.user.displayName).toBe('김민지 기자');
      expect((await as(mod, 'get', '/moderation/queue?status=names').expect(200)).body.items).toEqual([]);
      // Logging in again with the same name keeps it; a new flagged name waits again.
      expect((await login(t, 'twitter', { screenName: 'kimreporter', name: '김민지 기자' })).user.displayName).toBe('김민지 기자');
      expect((await login(t, 'twitter', { screenName: 'kimreporter', name: '편집국장 김민지' })).user.displayName).toMatch(/^독자-/);
      await as(mod, 'post', `/moderation/users/${mod.user.id}/display-name/approve`).send({}).expect(409);
    });
  });

  describe('the audit log', () => {
    it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
      const admin = await staff('admin');
      const r = await reader();
      await as(admin, 'put', `/moderation/users/${r.user.id}/role`).send({ role: 'moderator' }).expect(200);
      for (const sql of [`UPDATE moderation_audit SET reason = 'rewritten'`, 'DELETE FROM moderation_audit', 'TRUNCATE moderation_audit']) {
        await expect(t.dataSource.query(sql)).rejects.toThrow(/append-only/);
      }
      expect(await t.dataSource.query('SELECT count(*)::int AS n, max(reason) AS reason FROM moderation_audit')).toEqual([{ n: 1, reason: null }]);
    });

    it('records the CMS’s and moderators’ article changes', async () => {
      const mod = await staff('moderator');
      await cms({ title: 'Set by the CMS' });
      await as(mod, 'put', `/articles/${ARTICLE}`).send({ commentsOpen: false }).expect(200);
      const log = (await as(mod, 'get', `/moderation/audit?targetId=${ARTICLE}`).expect(200)).body.items;
      expect(log.map((e: { actor: { kind: string }; action: string; after: { commentsOpen: boolean } }) => [e.actor.kind, e.action, e.after.commentsOpen])).toEqual([
        ['moderator', 'article.update', false],
        ['cms', 'article.update', true],
      ]);
    });

    it('keeps only the ids of an erased reader’s entries', async () => {
      const mod = await staff('moderator');
      const r = await reader('to-be-forgotten');
      const c = (await post(r, 'Words the log must forget.').expect(201)).body;
      await as(mod, 'post', `/moderation/comments/${c.id}/hide`).send({ reason: 'checking' }).expect(200);
      await as(mod, 'post', `/moderation/users/${r.user.id}/sanctions`).send({ type: 'suspend', days: 1, reason: 'rude' }).expect(201);
      await as(r, 'delete', '/users/me').expect(204);
      const entries = await t.dataSource.query('SELECT action, target_id, before, after FROM moderation_audit ORDER BY id');
      expect(entries.map((e: { action: string }) => e.action)).toEqual(['comment.hide', 'user.suspend']);
      expect(JSON.stringify(entries)).not.toContain('forget');
      expect(JSON.stringify(entries)).not.toContain('to-be-forgotten');
      expect(JSON.stringify(entries)).not.toContain('rude');
      expect(entries.map((e: { target_id: string }) => e.target_id)).toEqual([c.id, r.user.id]);
    });
  });
});
