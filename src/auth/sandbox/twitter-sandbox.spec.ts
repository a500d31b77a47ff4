/**
 * The Twitter sandbox driven over HTTP by the clients the app really uses:
 * node-oauth's OAuth (what passport-oauth1 uses) for the OAuth 1.0a dance and
 * passport-twitter's Strategy with the app's endpoint options. Requests no real
 * client would send (tampered, replayed, stale) are signed by hand.
 */
import { OAuth } from 'oauth';
import { Strategy as TwitterStrategy, type Profile } from 'passport-twitter';
import { consent, readConsentForm } from '../../../test/fakes/consent';
import { runStrategy } from '../../../test/fakes/run-strategy';
import { oauthAuthorizationHeader } from './oauth1-signature';
import { startProviderServer, type SandboxEvent } from './provider-http';
import { TwitterSandbox, type TwitterSandboxOptions } from './twitter-sandbox';

const CONSUMER = { key: 'spec-consumer', secret: 'spec-consumer-secret&!' };
const CALLBACK = 'http://app.test:3000/auth/twitter/callback';
const NOT_AUTHENTICATED = JSON.stringify({ errors: [{ code: 32, message: 'Could not authenticate you.' }] });

type Tokens = { token: string; secret: string; results: Record<string, string> };
type Result = { data: string; status?: number };

/** node-oauth, the client passport-oauth1 uses, as promises; a refused get() resolves with its status rather than throwing. */
function client(base: string, consumer = CONSUMER, callback: string | null = CALLBACK) {
  const oa = new OAuth(`${base}/oauth/request_token`, `${base}/oauth/access_token`, consumer.key, consumer.secret, '1.0', callback as string, 'HMAC-SHA1');
  return {
    oa,
    requestToken: () =>
      new Promise<Tokens>((resolve, reject) => oa.getOAuthRequestToken((err, token, secret, results) => (err ? reject(err) : resolve({ token, secret, results })))),
    accessToken: (token: string, secret: string, verifier: string) =>
      new Promise<Tokens>((resolve, reject) =>
        oa.getOAuthAccessToken(token, secret, verifier, (err, t, s, results) => (err ? reject(err) : resolve({ token: t, secret: s, results }))),
      ),
    get: (url: string, token: string, secret: string) =>
      new Promise<Result>((resolve) =>
        oa.get(url, token, secret, (err, data) =>
          resolve(err ? { status: (err as { statusCode: number }).statusCode, data: String((err as { data?: string }).data) } : { status: 200, data: String(data) }),
        ),
      ),
  };
}

/** passport-twitter's Strategy, with the inherited userProfile() its typings leave out. */
type TwitterStrategyWithProfile = TwitterStrategy & {
  userProfile(token: string, secret: string, params: Record<string, string>, done: (error: unknown, profile?: Profile) => void): void;
};

function strategyFor(base: string, extra: Record<string, unknown> = {}): TwitterStrategyWithProfile {
  return new TwitterStrategy(
    {
      consumerKey: CONSUMER.key,
      consumerSecret: CONSUMER.secret,
      callbackURL: CALLBACK,
      // The options the app uses (src/auth/strategies/twitter.strategy.ts).
      requestTokenURL: `${base}/oauth/request_token`,
      accessTokenURL: `${base}/oauth/access_token`,
      userAuthorizationURL: `${base}/oauth/authenticate`,
      userProfileURL: `${base}/1.1/account/verify_credentials.json`,
      includeEmail: false,
      ...extra,
    } as ConstructorParameters<typeof TwitterStrategy>[0],
    ((_token: string, _secret: string, profile: Profile, done: (e: unknown, user?: unknown) => void) => done(null, profile)) as never,
  ) as TwitterStrategyWithProfile;
}

const profileOf = (strategy: TwitterStrategyWithProfile, token: string, secret: string) =>
  new Promise<Profile>((resolve, reject) => strategy.userProfile(token, secret, {}, (err, p) => (err ? reject(err) : resolve(p!))));

/** A POST signed by hand, for requests a real client would never send. */
async function signedPost(base: string, path: string, o: Partial<Parameters<typeof oauthAuthorizationHeader>[0]> & { headerEdit?: (h: string) => string }) {
  const url = `${base}${path}`;
  let header = oauthAuthorizationHeader({
    method: 'POST',
    url,
    consumerKey: CONSUMER.key,
    consumerSecret: CONSUMER.secret,
    timestamp: Math.floor(Date.now() / 1000),
    nonce: Math.random().toString(36).slice(2),
    ...o,
  });
  if (o.headerEdit) header = o.headerEdit(header);
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: header, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(o.form ?? {}),
  });
  return { status: res.status, text: await res.text() };
}

describe('TwitterSandbox (OAuth 1.0a) driven by node-oauth and passport-twitter', () => {
  let clockOffset = 0;
  /** When set, the shared sandbox's clock stands still here (ms), so a test can sit exactly on the timestamp window's edge. */
  let frozenAt: number | undefined;
  const events: SandboxEvent[] = [];
  const sandbox = new TwitterSandbox({ consumers: [CONSUMER], now: () => frozenAt ?? Date.now() + clockOffset, onEvent: (e) => events.push(e) });
  let server: { url: string; close(): Promise<void> };
  let base: string;
  const verifyUrl = (at = base) => `${at}/1.1/account/verify_credentials.json`;

  beforeAll(async () => {
    server = await startProviderServer(sandbox, { host: '127.0.0.1', port: 0 });
    base = server.url;
  });
  afterAll(() => server.close());
  beforeEach(() => {
    clockOffset = 0;
    frozenAt = undefined;
    events.length = 0;
  });

  /** A sandbox of its own (on the shared clock) for options the shared one must not have. */
  async function withOwnSandbox(options: Partial<TwitterSandboxOptions>, run: (url: string) => Promise<void>) {
    const s = await startProviderServer(new TwitterSandbox({ consumers: [CONSUMER], now: () => Date.now() + clockOffset, ...options }));
    try {
      await run(s.url);
    } finally {
      await s.close();
    }
  }

  /** The person allows the request token at the consent page; returns the verifier the callback receives. */
  async function allow(token: string, screenName: string, { on = base, via = '/oauth/authenticate' } = {}) {
    return new URL(await consent(`${on}${via}?oauth_token=${encodeURIComponent(token)}`, { action: 'allow', screenName })).searchParams.get('oauth_verifier')!;
  }

  /** request token → consent → access token, as the person `screenName`. */
  async function loginAs(screenName: string, name = screenName, { on = base, via = '/oauth/authenticate' } = {}) {
    const c = client(on);
    const rt = await c.requestToken();
    const back = new URL(await consent(`${on}${via}?oauth_token=${encodeURIComponent(rt.token)}`, { action: 'allow', screenName, name }));
    const tokens = await c.accessToken(rt.token, rt.secret, back.searchParams.get('oauth_verifier')!);
    return { c, tokens, me: () => c.get(verifyUrl(on), tokens.token, tokens.secret) };
  }

  it('does the whole dance with node-oauth: request token, consent, access token, verify_credentials', async () => {
    const before = { ...sandbox.stats };
    const c = client(base);
    const rt = await c.requestToken();
    expect(rt.token).toMatch(/^\S{8,}$/);
    expect(rt.secret).toMatch(/^\S{8,}$/);
    expect(rt.results).toEqual({ oauth_callback_confirmed: 'true' });
    const back = new URL(await consent(`${base}/oauth/authenticate?oauth_token=${encodeURIComponent(rt.token)}`, { action: 'allow', screenName: 'minji', name: 'Kim Min-ji' }));
    expect(back.origin + back.pathname).toBe(CALLBACK);
    expect(back.searchParams.get('oauth_token')).toBe(rt.token);
    expect(back.searchParams.get('oauth_verifier')).toMatch(/^[\w-]{16,}$/);
    const at = await c.accessToken(rt.token, rt.secret, back.searchParams.get('oauth_verifier')!);
    expect(at.results).toEqual({ user_id: expect.stringMatching(/^\d{19}$/), screen_name: 'minji' });
    const res = await c.get(verifyUrl(), at.token, at.secret);
    expect(res.status).toBe(200);
    const user = JSON.parse(res.data);
    expect(user).toMatchObject({ id_str: at.results.user_id, screen_name: 'minji', name: 'Kim Min-ji', url: null });
    // Like Twitter: `id` is a bare number beyond 2^53, so only id_str is exact.
    expect(res.data).toContain(`"id":${at.results.user_id},`);
    expect(typeof user.id).toBe('number');
    // Never a data: URL or a real CDN: an image the sandbox itself serves.
    expect(user.profile_image_url_https).toBe(`${base}/profile_images/${at.results.user_id}/avatar.svg`);
    const avatar = await fetch(user.profile_image_url_https);
    expect(avatar.status).toBe(200);
    expect(avatar.headers.get('content-type')).toBe('image/svg+xml');
    expect(await avatar.text()).toContain('>KI</text>');
    expect(sandbox.stats.signaturesVerified - before.signaturesVerified).toBe(3);
    expect(sandbox.stats.signaturesRejected).toBe(before.signaturesRejected);
    expect(events.map((e) => `${e.step}:${e.ok}:${e.reason}`)).toEqual([
      'request_token:true:signature_verified',
      'consent:true:allowed',
      'access_token:true:signature_verified',
      'access_token:true:issued',
      'verify_credentials:true:signature_verified',
      'verify_credentials:true:profile',
    ]);
  });

  it('takes the consent at /oauth/authorize as at /oauth/authenticate', async () => {
    const { tokens, me } = await loginAs('authorizer', 'Authorizer', { via: '/oauth/authorize' });
    expect(tokens.results.screen_name).toBe('authorizer');
    expect(JSON.parse((await me()).data)).toMatchObject({ id_str: tokens.results.user_id, screen_name: 'authorizer' });
  });

  it('runs passport-twitter end to end with the app’s options: redirect, consent, callback, profile', async () => {
    const strategy = strategyFor(base);
    const session: Record<string, unknown> = {};
    const start = await runStrategy(strategy, { query: {}, session, url: '/auth/twitter' });
    if (start.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(start)}`);
    const authorize = new URL(start.url);
    expect(authorize.origin + authorize.pathname).toBe(`${base}/oauth/authenticate`);
    // The request-token secret waits in the session for the callback.
    expect(session['oauth:twitter']).toEqual({ oauth_token: authorize.searchParams.get('oauth_token'), oauth_token_secret: expect.any(String) });
    const back = new URL(await consent(authorize.toString(), { action: 'allow', screenName: 'passport_user', name: 'Pass Port' }));
    const done = await runStrategy(strategy, { query: Object.fromEntries(back.searchParams), session, url: back.pathname + back.search });
    if (done.kind !== 'success') throw new Error(`expected success, got ${JSON.stringify(done)}`);
    const profile = done.user as Profile & { _json: Record<string, unknown> };
    expect(profile).toMatchObject({ provider: 'twitter', username: 'passport_user', displayName: 'Pass Port' });
    expect(profile.id).toMatch(/^\d{19}$/);
    expect(profile.id).toBe(profile._json.id_str);
    expect(profile.photos?.[0].value).toMatch(/\/avatar\.svg$/);
    expect(profile.emails).toBeUndefined();
    expect(session['oauth:twitter']).toBeUndefined();
  });

  it('passport-twitter: a denial comes back to the callback as denied=<token> alone, fails the login, and spends the token', async () => {
    const strategy = strategyFor(base);
    const session: Record<string, unknown> = {};
    const start = await runStrategy(strategy, { query: {}, session, url: '/auth/twitter' });
    if (start.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(start)}`);
    const token = new URL(start.url).searchParams.get('oauth_token')!;
    const secret = (session['oauth:twitter'] as { oauth_token_secret: string }).oauth_token_secret;
    const back = new URL(await consent(start.url, { action: 'deny' }));
    expect(back.origin + back.pathname).toBe(CALLBACK);
    expect([...back.searchParams]).toEqual([['denied', token]]);
    const done = await runStrategy(strategy, { query: Object.fromEntries(back.searchParams), session, url: '/cb' });
    expect(done.kind).toBe('fail');
    // The denied request token is spent: the consent page no longer opens, and it buys no access token.
    expect((await fetch(start.url)).status).toBe(400);
    await expect(client(base).accessToken(token, secret, 'anything')).rejects.toMatchObject({ statusCode: 401 });
  });

  it('passport-twitter: userProfileURL without "?" gets include_email; with "?" the option is silently dropped (stack.md)', async () => {
    const { tokens } = await loginAs('mail_user', 'Mail User');
    const plain = await profileOf(strategyFor(base, { includeEmail: true }), tokens.token, tokens.secret);
    expect(plain.emails).toEqual([{ value: 'mail_user@sandbox.invalid' }]);
    const withQuery = await profileOf(strategyFor(base, { includeEmail: true, userProfileURL: `${verifyUrl()}?skip_status=true` }), tokens.token, tokens.secret);
    expect(withQuery.emails).toBeUndefined();
  });

  it('passport-twitter: userProfile() parses verify_credentials; a refusal is an APIError from Twitter’s error body', async () => {
    const strategy = strategyFor(base);
    const { tokens } = await loginAs('profile_direct', 'Profile Direct');
    expect(await profileOf(strategy, tokens.token, tokens.secret)).toMatchObject({ id: tokens.results.user_id, username: 'profile_direct', displayName: 'Profile Direct' });
    const failure = await profileOf(strategy, tokens.token, 'wrong').catch((e: unknown) => e);
    expect(failure).toMatchObject({ name: 'APIError', code: 32, message: 'Could not authenticate you.' });
  });

  it('the same handle (any case) is the same account; a new display name shows as a profile update', async () => {
    const first = await loginAs('Returning', 'First Name');
    const second = await loginAs('returning', 'Second Name');
    const other = await loginAs('someone_else', 'Other');
    expect(second.tokens.results.user_id).toBe(first.tokens.results.user_id);
    const a = JSON.parse((await first.me()).data);
    const b = JSON.parse((await second.me()).data);
    expect(b.id_str).toBe(a.id_str);
    expect(b.name).toBe('Second Name');
    expect(JSON.parse((await other.me()).data).id_str).not.toBe(a.id_str);
  });

  it('signs every query parameter as RFC 5849 says, repeated names and reserved characters included', async () => {
    const { c, tokens } = await loginAs('query_user', 'Query User');
    const odd = encodeURIComponent("a b+c!*'()~é");
    expect((await c.get(`${verifyUrl()}?skip_status=1&y=${odd}`, tokens.token, tokens.secret)).status).toBe(200);
    // Repeated names: each pair is signed (hand-signed here; see below for node-oauth).
    const url = `${verifyUrl()}?x=1&x=2&y=${odd}`;
    const header = oauthAuthorizationHeader({
      method: 'GET', url, consumerKey: CONSUMER.key, consumerSecret: CONSUMER.secret, token: tokens.token, tokenSecret: tokens.secret,
      timestamp: Math.floor(Date.now() / 1000), nonce: 'repeat-' + Date.now(),
    });
    expect((await fetch(url, { headers: { authorization: header } })).status).toBe(200);
    // node-oauth signs a repeated name as x[0]=1&x[1]=2 (its own quirk), which the real Twitter would refuse too.
    expect((await c.get(`${verifyUrl()}?x=1&x=2`, tokens.token, tokens.secret)).status).toBe(401);
  });

  it('refuses a tampered oauth_* parameter: the signed oauth_callback swapped for another', async () => {
    const before = sandbox.stats.signaturesRejected;
    const res = await signedPost(base, '/oauth/request_token', {
      oauth: { oauth_callback: CALLBACK },
      headerEdit: (h) => h.replace(encodeURIComponent(CALLBACK), encodeURIComponent('https://evil.example/cb')),
    });
    expect(res).toEqual({ status: 401, text: NOT_AUTHENTICATED });
    expect(sandbox.stats.signaturesRejected).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({ step: 'request_token', ok: false, reason: 'bad_signature' });
  });

  it('refuses a tampered query parameter, a tampered signature and no signature; none of them spends the nonce', async () => {
    const { c, tokens } = await loginAs('tamper_test');
    const before = sandbox.stats.signaturesRejected;
    // Signed for one query, sent with another.
    const header = c.oa.authHeader(`${verifyUrl()}?include_entities=true`, tokens.token, tokens.secret, 'GET');
    const tampered = await fetch(`${verifyUrl()}?include_entities=false`, { headers: { authorization: header } });
    expect(tampered.status).toBe(401);
    expect(await tampered.text()).toBe(NOT_AUTHENTICATED);
    // A signature changed by one character, nonce and all else untouched.
    const good = c.oa.authHeader(verifyUrl(), tokens.token, tokens.secret, 'GET');
    const forged = good.replace(/oauth_signature="([^"]+)"/, (_, s: string) => `oauth_signature="${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}"`);
    expect((await fetch(verifyUrl(), { headers: { authorization: forged } })).status).toBe(401);
    // No Authorization header at all.
    expect((await fetch(verifyUrl())).status).toBe(401);
    expect(sandbox.stats.signaturesRejected - before).toBe(3);
    // The forgery shared the good header's nonce; only a correctly signed request spends one, so the good header still works.
    expect((await fetch(verifyUrl(), { headers: { authorization: good } })).status).toBe(200);
  });

  it('refuses a tampered form body parameter: the body is part of the signature', async () => {
    const signed = await signedPost(base, '/oauth/request_token', { oauth: { oauth_callback: CALLBACK }, form: { x_auth_access_type: 'read' } });
    expect(signed.status).toBe(200);
    const url = `${base}/oauth/request_token`;
    const header = oauthAuthorizationHeader({
      method: 'POST', url, consumerKey: CONSUMER.key, consumerSecret: CONSUMER.secret,
      timestamp: Math.floor(Date.now() / 1000), nonce: 'tamper-body', oauth: { oauth_callback: CALLBACK }, form: { x_auth_access_type: 'read' },
    });
    const res = await fetch(url, { method: 'POST', headers: { authorization: header, 'content-type': 'application/x-www-form-urlencoded' }, body: 'x_auth_access_type=write' });
    expect(res.status).toBe(401);
    expect(events.at(-1)).toMatchObject({ step: 'request_token', ok: false, reason: 'bad_signature' });
  });

  it('refuses a request signed with the wrong consumer secret, or by an unknown consumer', async () => {
    const before = sandbox.stats.signaturesRejected;
    const wrong = await client(base, { key: CONSUMER.key, secret: 'not-the-secret' }).requestToken().catch((e: { statusCode: number; data: string }) => e);
    expect(wrong).toMatchObject({ statusCode: 401, data: NOT_AUTHENTICATED });
    const unknown = await client(base, { key: 'unknown-key', secret: CONSUMER.secret }).requestToken().catch((e: { statusCode: number }) => e);
    expect(unknown).toMatchObject({ statusCode: 401 });
    expect(sandbox.stats.signaturesRejected - before).toBe(2);
  });

  it('refuses a reused nonce, even on an otherwise perfect request', async () => {
    const o = { oauth: { oauth_callback: CALLBACK }, nonce: 'same-nonce-' + Date.now(), timestamp: Math.floor(Date.now() / 1000) };
    expect((await signedPost(base, '/oauth/request_token', o)).status).toBe(200);
    const before = sandbox.stats.nonceReplays;
    expect(await signedPost(base, '/oauth/request_token', o)).toEqual({ status: 401, text: NOT_AUTHENTICATED });
    expect(sandbox.stats.nonceReplays).toBe(before + 1);
    expect(events.at(-1)).toMatchObject({ ok: false, reason: 'nonce_reused' });
  });

  it('refuses a stale or future timestamp (more than 5 minutes off)', async () => {
    const before = sandbox.stats.staleTimestamps;
    // A running clock could tick past a second between here and the check, and let "now + 301" in.
    const now = Math.floor(Date.now() / 1000);
    frozenAt = now * 1000;
    const at = async (timestamp: number) => (await signedPost(base, '/oauth/request_token', { oauth: { oauth_callback: CALLBACK }, timestamp })).status;
    expect(await at(now - 301)).toBe(401);
    expect(await at(now + 301)).toBe(401);
    expect(await at(now - 300)).toBe(200);
    expect(await at(now + 300)).toBe(200);
    expect(sandbox.stats.staleTimestamps).toBe(before + 2);
    // The provider's clock decides: a client whose clock is 6 minutes behind is refused.
    frozenAt = undefined;
    clockOffset = 6 * 60 * 1000;
    await expect(client(base).requestToken()).rejects.toMatchObject({ statusCode: 401 });
  });

  it('requires oauth_callback on the request token', async () => {
    const res = await signedPost(base, '/oauth/request_token', {});
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text).errors[0].code).toBe(415);
  });

  it('the verifier is single use, and a wrong verifier spends the request token', async () => {
    const c = client(base);
    const rt = await c.requestToken();
    const verifier = await allow(rt.token, 'once');
    await c.accessToken(rt.token, rt.secret, verifier);
    const before = sandbox.stats.signaturesRejected;
    await expect(c.accessToken(rt.token, rt.secret, verifier)).rejects.toMatchObject({ statusCode: 401 });
    expect(sandbox.stats.signaturesRejected).toBe(before + 1); // the token is gone, so nothing can be signed with it

    const rt2 = await c.requestToken();
    const verifier2 = await allow(rt2.token, 'twice');
    const refused = sandbox.stats.verifiersRefused;
    await expect(c.accessToken(rt2.token, rt2.secret, 'wrong-verifier')).rejects.toMatchObject({ statusCode: 401 });
    expect(sandbox.stats.verifiersRefused).toBe(refused + 1);
    await expect(c.accessToken(rt2.token, rt2.secret, verifier2)).rejects.toMatchObject({ statusCode: 401 });
  });

  it('an access token request needs the consent first, and the request-token secret in its signature', async () => {
    const c = client(base);
    const rt = await c.requestToken();
    await expect(c.accessToken(rt.token, rt.secret, 'anything')).rejects.toMatchObject({ statusCode: 401 });
    const rt2 = await c.requestToken();
    const verifier = await allow(rt2.token, 'keyless');
    await expect(c.accessToken(rt2.token, 'not-the-token-secret', verifier)).rejects.toMatchObject({ statusCode: 401 });
    expect(events.at(-1)).toMatchObject({ step: 'access_token', reason: 'bad_signature' });
  });

  it('verify_credentials needs the access token secret, and the token expires', async () => {
    const { c, tokens } = await loginAs('expiring', 'Expiring');
    expect((await c.get(verifyUrl(), tokens.token, 'wrong-secret')).status).toBe(401);
    expect(await c.get(verifyUrl(), tokens.token + 'x', tokens.secret)).toEqual({ status: 401, data: NOT_AUTHENTICATED });
    await withOwnSandbox({ accessTokenTtlMs: 30_000 }, async (url) => {
      const { me } = await loginAs('brief', 'Brief', { on: url });
      expect((await me()).status).toBe(200);
      clockOffset = 31_000;
      expect((await me()).status).toBe(401);
    });
  });

  it('a request token expires if nobody consents in time: 10 minutes by default, or the TTL given', async () => {
    const rt = await client(base).requestToken();
    const page = `${base}/oauth/authenticate?oauth_token=${rt.token}`;
    clockOffset = 10 * 60 * 1000 - 30_000;
    expect((await fetch(page)).status).toBe(200);
    clockOffset = 10 * 60 * 1000 + 1000;
    expect((await fetch(page)).status).toBe(400);
    clockOffset = 0;
    await withOwnSandbox({ requestTokenTtlMs: 60_000 }, async (url) => {
      const short = await client(url).requestToken();
      clockOffset = 61_000;
      expect((await fetch(`${url}/oauth/authenticate?oauth_token=${short.token}`)).status).toBe(400);
    });
  });

  it('checks the signature against the host the client used (localhost here, not 127.0.0.1)', async () => {
    const local = base.replace('127.0.0.1', 'localhost');
    const rt = await client(local).requestToken();
    expect(rt.token).toBeTruthy();
    // Signed for one host, sent to another: refused.
    const url = `${local}/oauth/request_token`;
    const header = oauthAuthorizationHeader({
      method: 'POST', url, consumerKey: CONSUMER.key, consumerSecret: CONSUMER.secret, timestamp: Math.floor(Date.now() / 1000), nonce: 'host-' + Date.now(), oauth: { oauth_callback: CALLBACK },
    });
    expect((await fetch(`${base}/oauth/request_token`, { method: 'POST', headers: { authorization: header } })).status).toBe(401);
  });

  it('serves a self-contained, escaped consent page that says it is not Twitter, and none for an unknown token', async () => {
    // Markup in the callback's query must be signed correctly and must not reach the page unescaped either.
    const rt = await client(base, CONSUMER, `${CALLBACK}?x="><script>alert(1)</script>`).requestToken();
    const page = await fetch(`${base}/oauth/authenticate?oauth_token=${rt.token}&screen_name=${encodeURIComponent('"><script>alert(1)</script>')}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self' http://app.test:3000");
    expect(html).toContain('<title>Sandbox Twitter — not the real Twitter</title>');
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toMatch(/name="screen_name"/);
    expect(html).toMatch(/name="name"/);
    expect(html).toMatch(/value="allow"/);
    expect(html).toMatch(/value="deny"/);
    const form = await readConsentForm(`${base}/oauth/authenticate?oauth_token=${rt.token}`);
    expect(form.action).toBe(`${base}/oauth/authenticate`);
    expect([...form.fields]).toEqual([['oauth_token', rt.token]]);
    expect((await fetch(`${base}/oauth/authenticate?oauth_token=nope`)).status).toBe(400);
  });

  it('shows the form again, with the problem, for a handle it cannot accept', async () => {
    const rt = await client(base).requestToken();
    const res = await fetch(`${base}/oauth/authenticate`, { method: 'POST', body: new URLSearchParams({ oauth_token: rt.token, screen_name: 'no spaces!', name: 'X', action: 'allow' }) });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain('value="no spaces!"');
  });

  it('answers unknown routes and wrong methods like Twitter', async () => {
    const res = await fetch(`${base}/oauth/request_token`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ errors: [{ code: 34, message: 'Sorry, that page does not exist.' }] });
    expect((await fetch(verifyUrl())).status).toBe(401);
  });
});
