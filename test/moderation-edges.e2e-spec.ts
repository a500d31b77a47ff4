import { startFakeProviders, type FakeProviders } from './fakes/fake-providers';
import { TestApp, startTestApp, truncateAll } from './helpers/app';
import { freePort } from './helpers/free-port';
import { Session, login } from './helpers/login';
import { providerEnv } from './helpers/provider-env';
import { SseClient } from './helpers/sse';
import { ClaimsSweeper } from '../src/moderation/claims-sweeper';

/**
 * The edges a review of the moderation module found, each as the smallest
 * reproduction through HTTP: every test here failed before its fix.
 */
describe('moderation at its edges', () => {
  let fakes: FakeProviders;
  let t: TestApp;
  let base: string;
  let n = 0;
  const reader = (name = `rv${++n}`) => login(t, 'twitter', { screenName: name, name });
  const as = (s: Session, method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string) =>
    t.http()[method](path).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken);
  const post = (s: Session, articleId: string, body: string, parentId?: string) =>
    as(s, 'post', `/articles/${articleId}/comments`).send({ body, ...(parentId ? { parentId } : {}) });
  const staff = async (role: 'moderator' | 'admin'): Promise<Session> => {
    const s = await reader();
    await t.dataSource.query('UPDATE users SET role = $2 WHERE id = $1', [s.user.id, role]);
    return s;
  };

  beforeAll(async () => {
    fakes = await startFakeProviders();
    t = await startTestApp(
      providerEnv(fakes, { RATE_COMMENT_INTERVAL_SECONDS: '0', RATE_COMMENTS_PER_ARTICLE: '0', RATE_COMMENTS_PER_DAY: '0', RATE_REACTIONS_PER_DAY: '0' }),
    );
    const port = await freePort();
    await t.app.listen({ port, host: '127.0.0.1' });
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await t.close();
    await fakes.close();
  });
  beforeEach(() => truncateAll(t.dataSource));

  it('a hidden thread’s replies are not replayed with their text on the public stream, and come back with it', async () => {
    const mod = await staff('moderator');
    const top = (await post(await reader(), 'f1', 'A top-level comment.').expect(201)).body;
    const reply = (await post(await reader(), 'f1', 'A reply whose text must leave with its thread.', top.id).expect(201)).body;
    await as(mod, 'post', `/moderation/comments/${top.id}/hide`).send({}).expect(200);
    await t.http().get(`/comments/${top.id}/replies`).expect(404);
    const sse = await SseClient.open(`${base}/articles/f1/events`, '0');
    const frames = await sse.waitFor(4);
    sse.close();
    expect(frames.map((f) => JSON.parse(f.data!).body).filter(Boolean)).toEqual([]);
    expect(frames.slice(2).map((f) => [f.event, JSON.parse(f.data!).id])).toEqual([
      ['comment.deleted', top.id],
      ['comment.deleted', reply.id],
    ]);
    await as(mod, 'post', `/moderation/comments/${top.id}/restore`).send({}).expect(200);
    const again = await SseClient.open(`${base}/articles/f1/events`, frames[3].id);
    const back = await again.waitFor(2);
    again.close();
    expect(back.map((f) => [f.event, JSON.parse(f.data!).body])).toEqual([
      ['comment.created', 'A top-level comment.'],
      ['comment.created', 'A reply whose text must leave with its thread.'],
    ]);
  });

  it('an erasure racing the reader’s own posts and reactions leaves the kept counts equal to the rows', async () => {
    const other = await reader();
    const targets: string[] = [];
    for (let i = 0; i < 10; i++) targets.push((await post(other, 'f2-c', `Someone else's comment ${i}.`).expect(201)).body.id);
    const victim = await reader();
    for (let i = 0; i < 60; i++) await post(victim, 'f2-a', `My comment number ${i}.`).expect(201);
    const answers = await Promise.all([
      as(victim, 'delete', '/users/me'),
      ...Array.from({ length: 6 }, (_, i) => new Promise((r) => setTimeout(r, 150 + 60 * i)).then(() => post(victim, `f2-b${i}`, `Written during erasure ${i}.`))),
      ...targets.map((id) => as(victim, 'put', `/comments/${id}/reaction`).send({ value: 'agree' })),
    ]);
    expect(answers[0].status).toBe(204);
    // Whatever waited for the erasure found the account gone: 401, never a 500.
    expect(answers.slice(1).map((r) => r.status).filter((s) => ![200, 201, 401].includes(s))).toEqual([]);
    const drift = await t.dataSource.query(`
      SELECT 'article' AS kind, a.id::text, a.comment_count AS kept,
             (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'published')::int AS real
        FROM articles a WHERE a.comment_count <> (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'published')
      UNION ALL
      SELECT 'agree', c.id::text, c.agree_count, (SELECT count(*) FROM comment_reactions r WHERE r.comment_id = c.id AND r.value = 'agree')::int
        FROM comments c WHERE c.agree_count <> (SELECT count(*) FROM comment_reactions r WHERE r.comment_id = c.id AND r.value = 'agree')`);
    expect(drift).toEqual([]);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM comments WHERE author_id IS NULL AND status <> $1', ['deleted'])).toEqual([{ n: 0 }]);
  }, 60_000);

  it('a moderator removes a claimed comment through the moderation route: audited, and the claim closed', async () => {
    const mod = await staff('moderator');
    const c = (await post(await reader(), 'f3', 'An ordinary comment.').expect(201)).body;
    await as(mod, 'post', `/moderation/comments/${c.id}/claims`).send({ claimant: 'X', reason: 'defamation' }).expect(201);
    await as(mod, 'delete', `/comments/${c.id}`).expect(403);
    await as(mod, 'post', `/moderation/comments/${c.id}/delete`).send({}).expect(200);
    const log = (await as(mod, 'get', `/moderation/audit?targetId=${c.id}`).expect(200)).body.items.map((i: { action: string }) => i.action);
    const open = await t.dataSource.query('SELECT id FROM comment_claims WHERE comment_id = $1 AND resolved_at IS NULL', [c.id]);
    expect({ log, open }).toEqual({ log: ['comment.delete', 'comment.claim'], open: [] });
  });

  it('strikes on staff are recorded but sanction nobody; a direct sanction of staff is 403', async () => {
    const mod = await staff('moderator');
    const admin = await staff('admin');
    await as(mod, 'post', `/moderation/users/${admin.user.id}/sanctions`).send({ type: 'suspend', days: 1, reason: 'x' }).expect(403);
    for (let i = 0; i < 2; i++) {
      const c = (await post(admin, 'f4', `An admin's comment number ${i}.`).expect(201)).body;
      await as(mod, 'post', `/moderation/comments/${c.id}/delete`).send({ rule: 'hate' }).expect(200);
    }
    expect((await as(admin, 'get', '/auth/me').expect(200)).body.user.suspension).toBeNull();
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM strikes')).toEqual([{ n: 2 }]);
    expect(await t.dataSource.query('SELECT count(*)::int AS n FROM sanctions')).toEqual([{ n: 0 }]);
  });

  it('an ADMIN_IDENTITIES admin whose role was withdrawn is not made admin again at the next login', async () => {
    await login(t, 'twitter', { screenName: 'seeded-admin' });
    const [{ provider_user_id: pid }] = await t.dataSource.query('SELECT provider_user_id FROM user_identities');
    const seededApp = await startTestApp({ ...providerEnv(fakes), ADMIN_IDENTITIES: `twitter:${pid}` });
    try {
      const seeded = await login(seededApp, 'twitter', { screenName: 'seeded-admin' });
      expect(seeded.user.role).toBe('admin');
      const other = await staff('admin');
      await as(other, 'put', `/moderation/users/${seeded.user.id}/role`).send({ role: 'reader' }).expect(200);
      const again = await login(seededApp, 'twitter', { screenName: 'seeded-admin' });
      expect(again.user.role).toBe('reader');
      const log = await t.dataSource.query(`SELECT actor_kind, reason, after FROM moderation_audit WHERE action = 'user.role' ORDER BY id`);
      expect(log).toEqual([
        { actor_kind: 'system', reason: 'ADMIN_IDENTITIES', after: { role: 'admin' } },
        { actor_kind: 'admin', reason: null, after: { role: 'reader' } },
      ]);
    } finally {
      await seededApp.close();
    }
  });

  it('audit cursors beyond bigint and a NUL in targetId are 400, not 500', async () => {
    const mod = await staff('moderator');
    const cursor = Buffer.from(JSON.stringify({ s: 'audit::', id: '9999999999999999999' })).toString('base64url');
    const a = await as(mod, 'get', `/moderation/audit?cursor=${cursor}`);
    const b = await as(mod, 'get', '/moderation/audit?targetId=%00');
    expect([a.status, a.body.error.code, b.status, b.body.error.code]).toEqual([400, 'VALIDATION_FAILED', 400, 'VALIDATION_FAILED']);
  });

  it('a restoration request reaches the moderators’ live queue', async () => {
    const mod = await staff('moderator');
    const author = await reader();
    const c = (await post(author, 'f7', 'An ordinary comment.').expect(201)).body;
    await as(mod, 'post', `/moderation/comments/${c.id}/claims`).send({ claimant: 'X', reason: 'defamation' }).expect(201);
    const sse = await SseClient.open(`${base}/moderation/events`, undefined, { Cookie: mod.cookie });
    await as(author, 'post', `/comments/${c.id}/restoration-request`).expect(202);
    const frames = await sse.waitFor(1, 4000);
    sse.close();
    expect(frames.map((f) => JSON.parse(f.data!))).toEqual([{ kind: 'claim.restoration_requested', id: c.id }]);
  });

  it('the 409 of a decision names the latest decision, not the claims sweep', async () => {
    const mod = await staff('moderator');
    const c = (await post(await reader(), 'f8', 'An ordinary comment.').expect(201)).body;
    await as(mod, 'post', `/moderation/comments/${c.id}/claims`).send({ claimant: 'X', reason: 'defamation' }).expect(201);
    await t.dataSource.query(`UPDATE comment_claims SET hidden_until = now() - interval '1 minute'`);
    expect(await t.app.get(ClaimsSweeper).sweep()).toBe(1);
    const res = await as(mod, 'post', `/moderation/comments/${c.id}/approve`).send({}).expect(409);
    expect(res.body.error.details.decision.action).toBe('comment.claim');
  });

  it('a claim on a comment its author deleted is not announced as due', async () => {
    const mod = await staff('moderator');
    const author = await reader();
    const c = (await post(author, 'f9', 'Claimed, then deleted by its author.').expect(201)).body;
    await as(mod, 'post', `/moderation/comments/${c.id}/claims`).send({ claimant: 'X', reason: 'R' }).expect(201);
    await as(author, 'delete', `/comments/${c.id}`).expect(204);
    await t.dataSource.query(`UPDATE comment_claims SET hidden_until = now() - interval '1 minute'`);
    expect(await t.app.get(ClaimsSweeper).sweep()).toBe(0);
  });

  it('a moderator whose role is withdrawn stops hearing the live queue', async () => {
    const admin = await staff('admin');
    const mod = await staff('moderator');
    const sse = await SseClient.open(`${base}/moderation/events`, undefined, { Cookie: mod.cookie });
    expect(sse.status).toBe(200);
    await as(admin, 'put', `/moderation/users/${mod.user.id}/role`).send({ role: 'reader' }).expect(200);
    await as(admin, 'put', '/articles/f10').send({ moderation: 'pre' }).expect(200);
    await post(await reader(), 'f10', 'Held for the queue.').expect(202);
    await new Promise((r) => setTimeout(r, 2500));
    sse.close();
    expect(sse.events()).toEqual([]);
  });

  it('the audit trigger opens no entry about someone who still exists, whatever a session sets', async () => {
    const mod = await staff('moderator');
    const c = (await post(await reader(), 'f11', 'Some comment.').expect(201)).body;
    await as(mod, 'post', `/moderation/comments/${c.id}/hide`).send({ reason: 'a reason worth keeping' }).expect(200);
    const attempt = t.dataSource.transaction(async (m) => {
      await m.query(`SELECT set_config('newsroom.audit_erasure', 'on', true)`);
      await m.query(`UPDATE moderation_audit SET reason = NULL, before = jsonb_build_object('id', before->'id'), after = jsonb_build_object('id', after->'id')`);
    });
    await expect(attempt).rejects.toThrow(/append-only/);
    const [entry] = await t.dataSource.query('SELECT reason FROM moderation_audit WHERE target_id = $1', [c.id]);
    expect(entry.reason).toBe('a reason worth keeping');
  });

  it('a body in another type than JSON is 415 on a JSON route, and changes nothing', async () => {
    const mod = await staff('moderator');
    const c = (await post(await reader(), 'c1', 'Not hidden by a form.').expect(201)).body;
    const form = await as(mod, 'post', `/moderation/comments/${c.id}/hide`).type('form').send('reason=x').expect(415);
    expect(form.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    await as(mod, 'post', `/moderation/comments/${c.id}/hide`).set('Content-Type', 'text/plain').send('{"reason":"x"}').expect(415);
    expect((await t.dataSource.query('SELECT status FROM comments WHERE id = $1', [c.id]))[0].status).toBe('published');
  });

  it('the data export includes strikes, sanctions, a reviewed name and claims on the reader’s comments (not the claimant)', async () => {
    const mod = await staff('moderator');
    const r = await login(t, 'twitter', { screenName: 'exported', name: 'Staff Writer Kim' });
    const c = (await post(r, 'c2', 'A claimed comment.').expect(201)).body;
    const d = (await post(r, 'c2', 'A deleted one.').expect(201)).body;
    await as(mod, 'post', `/moderation/comments/${c.id}/claims`).send({ claimant: 'Someone Else', reason: 'privacy' }).expect(201);
    await as(mod, 'post', `/moderation/comments/${d.id}/delete`).send({ rule: 'profanity' }).expect(200);
    const exp = (await t.http().get('/users/me/export').set('Cookie', r.cookie).expect(200)).body;
    expect(exp.user).toMatchObject({ nameReview: 'pending', pendingDisplayName: 'Staff Writer Kim' });
    expect(exp.strikes).toEqual([expect.objectContaining({ commentId: d.id, rule: 'profanity' })]);
    expect(exp.sanctions).toEqual([expect.objectContaining({ kind: 'warning', reason: 'Strike 1 (profanity)' })]);
    expect(exp.claimsOnComments).toEqual([expect.objectContaining({ commentId: c.id, reason: 'privacy' })]);
    expect(JSON.stringify(exp)).not.toContain('Someone Else');
  });
});
