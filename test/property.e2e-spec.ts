import fc from 'fast-check';
import { startFakeProviders, type FakeProviders } from './fakes/fake-providers';
import { startTestApp, truncateAll, type TestApp } from './helpers/app';
import { login, type Session } from './helpers/login';
import { NO_FLOOD_LIMITS, providerEnv } from './helpers/provider-env';

/** Keys the routes read, so that random bodies reach validation with the right names and the wrong values. */
const KNOWN_KEYS = ['body', 'parentId', 'kind', 'reason', 'note', 'days', 'role', 'rule', 'code', 'url', 'title', 'commentsOpen', 'moderation', 'signed_request', 'type', 'ids'];
/** Text that has broken parsers and databases before. */
const NASTY = ['\u0000', '\ud800', '\udfff', 'a\ud83dz', '\u202e', '\u200f', '\ufeff', '💥'.repeat(300), "'; DROP TABLE comments; --", '%00', '../../etc/passwd', '<script>x</script>', 'x'.repeat(5000)];

const nastyString = fc.oneof(fc.string(), fc.constantFrom(...NASTY), fc.string({ unit: 'binary', maxLength: 40 }));
const leaf = fc.oneof(nastyString, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.oneof(fc.constantFrom(...KNOWN_KEYS), fc.string()), tie('v'), { maxKeys: 4 })),
})).v;

/** A JSON text: a shaped object, any JSON value, poisoned keys, or nesting and width past the bounds. */
const bodyText = fc.oneof(
  fc.dictionary(fc.constantFrom(...KNOWN_KEYS), value, { maxKeys: 5 }).map((o) => JSON.stringify(o)),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), value).map(([k, v]) => `{"body":"hi","${k}":${JSON.stringify(v ?? null)}}`),
  fc.constant('{"constructor":{"prototype":{"isAdmin":true}}}'),
  fc.integer({ min: 30, max: 5000 }).map((n) => `{"body":${'['.repeat(n)}${']'.repeat(n)}}`),
  fc.integer({ min: 900, max: 3000 }).map((n) => `{"body":"x",${Array.from({ length: n }, (_, i) => `"k${i}":0`).join(',')}}`),
  fc.string().map((s) => s),
);

const idLike = (known: string[]) => fc.oneof(fc.constantFrom(...known), fc.string({ minLength: 1, maxLength: 300 }).map(encodeURIComponent), fc.constantFrom('%00', '..', '%2e%2e', '-1', '9'.repeat(40), '00000000-0000-0000-0000-000000000000'));

/**
 * Random JSON at every write route (issue 12): each answer is a success or a
 * 4xx in the error shape, never a 5xx, and a 4xx changes no row.
 */
describe('every write route under random input', () => {
  let fakes: FakeProviders;
  let t: TestApp;
  let s: Session;
  let other: Session;
  let commentId: string;
  let countAll: () => Promise<Record<string, number>>;

  beforeAll(async () => {
    fakes = await startFakeProviders();
    t = await startTestApp(providerEnv(fakes, { ...NO_FLOOD_LIMITS, RATE_REQUESTS_PER_MINUTE_PER_READER: '0', RATE_WRITES_PER_MINUTE_PER_READER: '0', RATE_POLICY_CHECKS_PER_MINUTE: '0' }));
    await truncateAll(t.dataSource);
    s = await login(t, 'twitter', { screenName: 'prop-admin' });
    other = await login(t, 'facebook', { screenName: 'prop-other' });
    await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [s.user.id]);
    const posted = await t.http().post('/articles/prop-1/comments').set('Cookie', other.cookie).set('X-CSRF-Token', other.csrfToken).send({ body: 'A comment to aim at.' }).expect(201);
    commentId = posted.body.id;
    const tables: { tablename: string }[] = await t.dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY tablename`);
    const sql = `SELECT ${tables.map((x) => `(SELECT count(*)::int FROM "${x.tablename}") AS "${x.tablename}"`).join(', ')}`;
    countAll = async () => ((await t.dataSource.query(sql)) as Record<string, number>[])[0];
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await fakes.close();
  });

  it('never answers 5xx, always the error shape, and a refusal changes nothing', async () => {
    const articles = ['prop-1', 'prop-2'];
    const comments = () => [commentId];
    const users = () => [other.user.id];
    const route = fc.oneof(
      idLike(articles).map((a) => ['POST', `/articles/${a}/comments`]),
      idLike(articles).map((a) => ['PUT', `/articles/${a}`]),
      idLike(comments()).map((c) => ['PATCH', `/comments/${c}`]),
      idLike(comments()).map((c) => ['DELETE', `/comments/${c}`]),
      idLike(comments()).map((c) => ['POST', `/comments/${c}/restoration-request`]),
      idLike(comments()).map((c) => ['PUT', `/comments/${c}/reaction`]),
      idLike(comments()).map((c) => ['DELETE', `/comments/${c}/reaction`]),
      idLike(comments()).map((c) => ['POST', `/comments/${c}/reports`]),
      fc.tuple(idLike(comments()), fc.constantFrom('approve', 'reject', 'hide', 'restore', 'delete', 'claims')).map(([c, verb]) => ['POST', `/moderation/comments/${c}/${verb}`]),
      idLike(users()).map((u) => ['POST', `/moderation/users/${u}/sanctions`]),
      idLike(users()).map((u) => ['DELETE', `/moderation/users/${u}/sanctions`]),
      idLike(users()).map((u) => ['PUT', `/moderation/users/${u}/role`]),
      idLike(users()).map((u) => ['POST', `/moderation/users/${u}/display-name/approve`]),
      fc.constant(['POST', '/policy/check']),
      fc.constant(['POST', '/auth/widget/token']),
    ) as fc.Arbitrary<[string, string]>;
    const headers = fc.record(
      {
        csrf: fc.oneof(fc.constant('right'), fc.constant('right'), fc.constant('right'), fc.string()),
        idempotencyKey: fc.oneof(fc.string(), fc.constantFrom('\u0000', 'k'.repeat(300), 'same-key')),
        acceptLanguage: fc.string(),
        contentType: fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/merge-patch+json'),
        cursor: fc.string(),
      },
      { requiredKeys: ['csrf', 'contentType'] },
    );

    await fc.assert(
      fc.asyncProperty(route, bodyText, headers, async ([method, path], body, h) => {
        const before = await countAll();
        let req = t.http()[method.toLowerCase() as 'post'](path).set('Cookie', s.cookie).set('X-CSRF-Token', h.csrf === 'right' ? s.csrfToken : h.csrf.replace(/[^\t\x20-\x7e]/g, '')).set('Content-Type', h.contentType);
        if (h.idempotencyKey !== undefined) req = req.set('Idempotency-Key', h.idempotencyKey.replace(/[^\t\x20-\x7e]/g, '') || 'k');
        if (h.acceptLanguage !== undefined) req = req.set('Accept-Language', h.acceptLanguage.replace(/[^\t\x20-\x7e]/g, ''));
        const res = await req.send(body);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.body).toEqual({ error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }) });
          expect(res.text).not.toMatch(/\bat .+\.(ts|js):\d+/);
          expect(await countAll()).toEqual(before);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  }, 240_000);
});
