import { createHmac } from 'node:crypto';
import { OAuth2 } from 'oauth';
import { Strategy as FacebookStrategy, type Profile } from 'passport-facebook';
import { consent, readConsentForm } from '../../../test/fakes/consent';
import { FacebookSandbox, parseFields } from './facebook-sandbox';
import { startProviderServer, type SandboxEvent } from './provider-http';

const APP = { id: '4242424242', secret: 'spec-app-secret' };
const VERSION = 'v23.0';
const CALLBACK = 'http://app.test:3000/auth/facebook/callback';

const proof = (token: string, secret = APP.secret) => createHmac('sha256', secret).update(token).digest('hex');

type Outcome =
  | { kind: 'redirect'; url: string }
  | { kind: 'success'; user: unknown; info?: unknown }
  | { kind: 'fail'; info?: unknown }
  | { kind: 'error'; error: unknown }
  | { kind: 'pass' };

/** Runs a passport strategy's authenticate() the way passport's middleware does, and reports what it decided. */
function runStrategy(strategy: FacebookStrategy, req: { query: Record<string, string>; session: Record<string, unknown>; url: string }): Promise<Outcome> {
  return new Promise((resolve) => {
    const s = Object.create(strategy) as FacebookStrategy & Record<string, unknown>;
    s.redirect = (url: string) => resolve({ kind: 'redirect', url });
    s.success = (user: unknown, info: unknown) => resolve({ kind: 'success', user, info });
    s.fail = (info: unknown) => resolve({ kind: 'fail', info });
    s.error = (error: unknown) => resolve({ kind: 'error', error });
    s.pass = () => resolve({ kind: 'pass' });
    s.authenticate({ method: 'GET', headers: { host: 'app.test:3000' }, connection: {}, body: {}, ...req } as never, {});
  });
}

describe('FacebookSandbox (OAuth 2.0 + Graph) driven by node-oauth OAuth2 and passport-facebook', () => {
  let clockOffset = 0;
  const events: SandboxEvent[] = [];
  const sandbox = new FacebookSandbox({ apps: [APP], graphVersion: VERSION, now: () => Date.now() + clockOffset, onEvent: (e) => events.push(e) });
  let server: { url: string; close(): Promise<void> };
  let base: string;
  let oauth2: OAuth2;

  const exchange = (code: string, redirectUri = CALLBACK, client = oauth2) =>
    new Promise<{ token: string; results: Record<string, unknown> }>((resolve, reject) =>
      client.getOAuthAccessToken(code, { grant_type: 'authorization_code', redirect_uri: redirectUri }, (err, token, _refresh, results) =>
        err ? reject(err) : resolve({ token: token!, results }),
      ),
    );
  const graph = (path: string, token: string | null, client = oauth2) =>
    new Promise<{ status: number; body: Record<string, any> }>((resolve) =>
      client.get(`${base}${path}`, token as string, (err, data) =>
        resolve(err ? { status: (err as { statusCode: number }).statusCode, body: JSON.parse(String((err as { data?: string }).data)) } : { status: 200, body: JSON.parse(String(data)) }),
      ),
    );
  const dialogUrl = (params: Record<string, string> = {}) =>
    oauth2.getAuthorizeUrl({ redirect_uri: CALLBACK, response_type: 'code', state: 'st-' + Math.random().toString(36).slice(2), ...params });
  async function codeFor(screenName: string, name = screenName, params: Record<string, string> = {}) {
    const back = new URL(await consent(dialogUrl(params), { action: 'allow', screenName, name }));
    return back.searchParams.get('code')!;
  }
  async function tokenFor(screenName: string, name = screenName, params: Record<string, string> = {}) {
    return (await exchange(await codeFor(screenName, name, params))).token;
  }

  beforeAll(async () => {
    server = await startProviderServer(sandbox, { host: '127.0.0.1', port: 0 });
    base = server.url;
    // As passport-oauth2 builds it: authorizationURL and tokenURL are absolute, base site ''.
    oauth2 = new OAuth2(APP.id, APP.secret, '', `${base}/${VERSION}/dialog/oauth`, `${base}/${VERSION}/oauth/access_token`);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    clockOffset = 0;
    events.length = 0;
  });

  it('does the whole flow with node-oauth: dialog, consent, code exchange, /me with appsecret_proof', async () => {
    const before = { ...sandbox.stats };
    const state = 'a b&c=d/é?' + Date.now();
    const back = new URL(await consent(dialogUrl({ state, scope: 'public_profile' }), { action: 'allow', screenName: 'junho', name: 'Park Jun-ho' }));
    expect(back.origin + back.pathname).toBe(CALLBACK);
    expect(back.searchParams.get('state')).toBe(state);
    const code = back.searchParams.get('code')!;
    expect(code).toMatch(/^AQ[\w-]{40,}$/);
    const { token, results } = await exchange(code);
    expect(results).toEqual({ access_token: token, token_type: 'bearer', expires_in: 60 * 24 * 60 * 60 });
    const me = await graph(`/${VERSION}/me?fields=id,name,first_name,last_name,link,picture.type(large),email&appsecret_proof=${proof(token)}`, token);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: expect.stringMatching(/^\d{17}$/),
      name: 'Park Jun-ho',
      first_name: 'Park',
      last_name: 'Jun-ho',
      link: expect.stringMatching(new RegExp(`^${base}/profile/\\d{17}$`)),
      picture: { data: { height: 200, width: 200, is_silhouette: false, url: `${base}/${me.body.id}/picture` } },
    }); // no email: the scope did not ask for it
    const picture = await fetch(me.body.picture.data.url);
    expect(picture.headers.get('content-type')).toBe('image/svg+xml');
    expect((await fetch(me.body.link)).status).toBe(200);
    expect(sandbox.stats.codesExchanged - before.codesExchanged).toBe(1);
    expect(sandbox.stats.proofsChecked - before.proofsChecked).toBe(1);
    expect(sandbox.stats.proofsRefused).toBe(before.proofsRefused);
    expect(events.map((e) => `${e.step}:${e.ok}:${e.reason}`)).toEqual(['consent:true:allowed', 'code_exchange:true:token_issued', 'me:true:proof_verified', 'me:true:profile']);
  });

  it('answers only the fields asked (id always), and email only with the email scope', async () => {
    const token = await tokenFor('fields_user', 'Fields User', { scope: 'email,public_profile' });
    expect((await graph(`/${VERSION}/me?appsecret_proof=${proof(token)}`, token)).body).toEqual({ id: expect.any(String), name: 'Fields User' });
    expect((await graph(`/${VERSION}/me?fields=name&appsecret_proof=${proof(token)}`, token)).body).toEqual({ id: expect.any(String), name: 'Fields User' });
    expect((await graph(`/${VERSION}/me?fields=email,middle_name&appsecret_proof=${proof(token)}`, token)).body).toEqual({ id: expect.any(String), email: 'fields_user@sandbox.invalid' });
    const bad = await graph(`/${VERSION}/me?fields=id,nme&appsecret_proof=${proof(token)}`, token);
    expect(bad).toMatchObject({ status: 400, body: { error: { message: '(#100) Tried accessing nonexisting field (nme) on node type (User)', type: 'OAuthException', code: 100 } } });
    expect(parseFields('id, name,picture.type(large){url,width},link')).toEqual(['id', 'name', 'picture', 'link']);
  });

  it('runs passport-facebook end to end with the app’s options: state, code exchange, appsecret_proof, profile', async () => {
    const strategy = new FacebookStrategy(
      {
        clientID: APP.id,
        clientSecret: APP.secret,
        callbackURL: CALLBACK,
        // The options the app uses (src/auth/strategies/facebook.strategy.ts).
        authorizationURL: `${base}/${VERSION}/dialog/oauth`,
        tokenURL: `${base}/${VERSION}/oauth/access_token`,
        profileURL: `${base}/${VERSION}/me`,
        graphAPIVersion: VERSION,
        enableProof: true,
        state: true,
        profileFields: ['id', 'name', 'picture.type(large)', 'link'],
      } as unknown as ConstructorParameters<typeof FacebookStrategy>[0],
      ((_a: string, _r: string, profile: Profile, done: (e: unknown, u?: unknown) => void) => done(null, profile)) as never,
    );
    const session: Record<string, unknown> = {};
    const start = await runStrategy(strategy, { query: {}, session, url: '/auth/facebook' });
    if (start.kind !== 'redirect') throw new Error(`expected a redirect, got ${JSON.stringify(start)}`);
    const authorize = new URL(start.url);
    expect(authorize.origin + authorize.pathname).toBe(`${base}/${VERSION}/dialog/oauth`);
    expect(Object.fromEntries(authorize.searchParams)).toEqual({ response_type: 'code', redirect_uri: CALLBACK, state: expect.stringMatching(/.{16,}/), client_id: APP.id });
    const before = { ...sandbox.stats };
    const back = new URL(await consent(start.url, { action: 'allow', screenName: 'passport_fb', name: 'Pass Port Book' }));
    expect(back.searchParams.get('state')).toBe(authorize.searchParams.get('state'));
    const done = await runStrategy(strategy, { query: Object.fromEntries(back.searchParams), session, url: back.pathname + back.search });
    if (done.kind !== 'success') throw new Error(`expected success, got ${JSON.stringify(done)}`);
    const profile = done.user as Profile & { _json: Record<string, unknown> };
    // profileFields 'name' asks Graph for last_name,first_name,middle_name (not `name`), so displayName is empty
    // and the app builds it from givenName + familyName.
    expect(profile).toMatchObject({ provider: 'facebook', name: { givenName: 'Pass', familyName: 'Port Book' }, profileUrl: expect.stringContaining('/profile/') });
    expect(profile.displayName).toBeUndefined();
    expect(profile.id).toMatch(/^\d{17}$/);
    expect(profile.photos?.[0].value).toMatch(/\/picture$/);
    expect(sandbox.stats.codesExchanged - before.codesExchanged).toBe(1);
    expect(sandbox.stats.proofsChecked - before.proofsChecked).toBe(1);
    expect(sandbox.stats.proofsRefused).toBe(before.proofsRefused);

    // The same callback again: passport's state check refuses it before the provider is asked.
    const replay = await runStrategy(strategy, { query: Object.fromEntries(back.searchParams), session, url: back.pathname + back.search });
    expect(replay.kind).toBe('fail');
  });

  it('passport-facebook: a denial comes back with error=access_denied and the state, and fails the login', async () => {
    const strategy = new FacebookStrategy(
      { clientID: APP.id, clientSecret: APP.secret, callbackURL: CALLBACK, graphAPIVersion: VERSION, authorizationURL: `${base}/${VERSION}/dialog/oauth`, tokenURL: `${base}/${VERSION}/oauth/access_token`, profileURL: `${base}/${VERSION}/me`, enableProof: true, state: true } as unknown as ConstructorParameters<typeof FacebookStrategy>[0],
      ((_a: string, _r: string, profile: Profile, done: (e: unknown, u?: unknown) => void) => done(null, profile)) as never,
    );
    const session: Record<string, unknown> = {};
    const start = await runStrategy(strategy, { query: {}, session, url: '/auth/facebook' });
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    const state = new URL(start.url).searchParams.get('state');
    const back = new URL(await consent(start.url, { action: 'deny' }));
    expect([...back.searchParams]).toEqual([
      ['error', 'access_denied'],
      ['error_code', '200'],
      ['error_description', 'Permissions error'],
      ['error_reason', 'user_denied'],
      ['state', state],
    ]);
    expect(back.search).toContain('error_description=Permissions+error');
    const done = await runStrategy(strategy, { query: Object.fromEntries(back.searchParams), session, url: back.pathname + back.search });
    expect(done).toMatchObject({ kind: 'fail', info: { message: 'Permissions error' } });
  });

  it('refuses a replayed code, and revokes the token the code already bought', async () => {
    const code = await codeFor('replayer');
    const { token } = await exchange(code);
    expect((await graph(`/${VERSION}/me?appsecret_proof=${proof(token)}`, token)).status).toBe(200);
    const refused = sandbox.stats.codesRefused;
    const replay = await exchange(code).catch((e: { statusCode: number; data: string }) => e);
    expect(replay).toMatchObject({ statusCode: 400 });
    expect(JSON.parse((replay as { data: string }).data)).toMatchObject({ error: { message: 'This authorization code has been used.', type: 'OAuthException', code: 100 } });
    expect(sandbox.stats.codesRefused).toBe(refused + 1);
    expect(events.at(-1)).toMatchObject({ step: 'code_exchange', ok: false, reason: 'code_used' });
    expect((await graph(`/${VERSION}/me?appsecret_proof=${proof(token)}`, token)).body.error.code).toBe(190);
  });

  it('refuses a redirect_uri that is not identical to the dialog’s (and the code still works with the right one)', async () => {
    const code = await codeFor('redirector');
    for (const other of [CALLBACK + '/', CALLBACK + '?x=1', CALLBACK.replace('app.test', 'evil.test')]) {
      const res = await exchange(code, other).catch((e: { statusCode: number; data: string }) => e);
      expect(res).toMatchObject({ statusCode: 400 });
      expect(JSON.parse((res as { data: string }).data).error).toMatchObject({ code: 100, error_subcode: 36008 });
    }
    expect((await exchange(code)).token).toMatch(/^EAA/);
  });

  it('refuses a wrong client_secret or an unknown client_id, over POST and GET', async () => {
    const code = await codeFor('secretive');
    const wrong = new OAuth2(APP.id, 'not-the-secret', '', `${base}/${VERSION}/dialog/oauth`, `${base}/${VERSION}/oauth/access_token`);
    const res = await exchange(code, CALLBACK, wrong).catch((e: { statusCode: number; data: string }) => e);
    expect(res).toMatchObject({ statusCode: 400 });
    expect(JSON.parse((res as { data: string }).data).error).toMatchObject({ message: 'Error validating client secret.', type: 'OAuthException', code: 1 });
    const q = (p: Record<string, string>) => fetch(`${base}/${VERSION}/oauth/access_token?${new URLSearchParams(p)}`);
    expect((await q({ client_id: 'nobody', client_secret: APP.secret, code, redirect_uri: CALLBACK })).status).toBe(400);
    expect(sandbox.stats.secretsRefused).toBeGreaterThanOrEqual(2);
    // GET with the right values works too (Graph takes both), once.
    const ok = await q({ client_id: APP.id, client_secret: APP.secret, code, redirect_uri: CALLBACK });
    expect(ok.status).toBe(200);
    expect((await q({ client_id: APP.id, client_secret: APP.secret, code, redirect_uri: CALLBACK })).status).toBe(400);
  });

  it('refuses an expired code, and an unknown one', async () => {
    const code = await codeFor('slowpoke');
    clockOffset = 10 * 60 * 1000 + 1000;
    const res = await exchange(code).catch((e: { data: string }) => e);
    expect(JSON.parse((res as { data: string }).data).error).toMatchObject({ message: 'This authorization code has expired.', error_subcode: 36007 });
    const unknown = await exchange('AQnot-a-code').catch((e: { data: string }) => e);
    expect(JSON.parse((unknown as { data: string }).data).error.message).toBe('Invalid verification code format.');
  });

  it('refuses /me without appsecret_proof, or with a wrong one, when proof is required', async () => {
    const token = await tokenFor('prover');
    const before = { ...sandbox.stats };
    const missing = await graph(`/${VERSION}/me`, token);
    expect(missing).toMatchObject({ status: 400, body: { error: { message: 'API calls from the server require an appsecret_proof argument', code: 100 } } });
    const wrong = await graph(`/${VERSION}/me?appsecret_proof=${proof(token, 'another-secret')}`, token);
    expect(wrong).toMatchObject({ status: 400, body: { error: { message: 'Invalid appsecret_proof provided in the API argument', code: 100 } } });
    const otherToken = await graph(`/${VERSION}/me?appsecret_proof=${proof(token + 'x')}`, token);
    expect(otherToken.status).toBe(400);
    expect(sandbox.stats.proofsChecked - before.proofsChecked).toBe(3);
    expect(sandbox.stats.proofsRefused - before.proofsRefused).toBe(3);
    expect((await graph(`/${VERSION}/me?appsecret_proof=${proof(token).toUpperCase()}`, token)).status).toBe(200);
  });

  it('with requireProof: false, /me works without a proof, but a wrong proof is still refused', async () => {
    const lax = new FacebookSandbox({ apps: [APP], graphVersion: VERSION, requireProof: false });
    const s = await startProviderServer(lax);
    try {
      const client = new OAuth2(APP.id, APP.secret, '', `${s.url}/${VERSION}/dialog/oauth`, `${s.url}/${VERSION}/oauth/access_token`);
      const back = new URL(await consent(client.getAuthorizeUrl({ redirect_uri: CALLBACK, response_type: 'code' }), { action: 'allow', screenName: 'lax' }));
      const token = await new Promise<string>((resolve, reject) =>
        client.getOAuthAccessToken(back.searchParams.get('code')!, { redirect_uri: CALLBACK }, (err, t) => (err ? reject(err) : resolve(t!))),
      );
      expect((await fetch(`${s.url}/${VERSION}/me?access_token=${token}`)).status).toBe(200);
      expect((await fetch(`${s.url}/${VERSION}/me?access_token=${token}&appsecret_proof=00`)).status).toBe(400);
      expect(lax.stats).toMatchObject({ proofsChecked: 1, proofsRefused: 1 });
    } finally {
      await s.close();
    }
  });

  it('takes the token from ?access_token= (what node-oauth sends) or from Authorization: Bearer/OAuth', async () => {
    const token = await tokenFor('header_user');
    const withHeader = new OAuth2(APP.id, APP.secret, '', '', '');
    withHeader.useAuthorizationHeaderforGET(true);
    expect((await graph(`/${VERSION}/me?appsecret_proof=${proof(token)}`, token, withHeader)).status).toBe(200);
    const oauthScheme = await fetch(`${base}/${VERSION}/me?appsecret_proof=${proof(token)}`, { headers: { authorization: `OAuth ${token}` } });
    expect(oauthScheme.status).toBe(200);
    const none = await fetch(`${base}/${VERSION}/me`);
    expect(await none.json()).toMatchObject({ error: { code: 2500 } });
    const bad = await fetch(`${base}/${VERSION}/me?access_token=EAAnope&appsecret_proof=00`);
    expect(await bad.json()).toMatchObject({ error: { message: 'Invalid OAuth access token - Cannot parse access token', code: 190 } });
    expect(sandbox.stats.tokensRefused).toBeGreaterThanOrEqual(2);
  });

  it('access tokens expire', async () => {
    const short = new FacebookSandbox({ apps: [APP], graphVersion: VERSION, accessTokenTtlMs: 1000, now: () => Date.now() + clockOffset });
    const s = await startProviderServer(short);
    try {
      const client = new OAuth2(APP.id, APP.secret, '', `${s.url}/${VERSION}/dialog/oauth`, `${s.url}/${VERSION}/oauth/access_token`);
      const back = new URL(await consent(client.getAuthorizeUrl({ redirect_uri: CALLBACK, response_type: 'code' }), { action: 'allow', screenName: 'ephemeral' }));
      const token = await new Promise<string>((resolve, reject) =>
        client.getOAuthAccessToken(back.searchParams.get('code')!, { redirect_uri: CALLBACK }, (err, t) => (err ? reject(err) : resolve(t!))),
      );
      const me = () => fetch(`${s.url}/${VERSION}/me?access_token=${token}&appsecret_proof=${proof(token)}`);
      expect((await me()).status).toBe(200);
      clockOffset = 2000;
      expect(await (await me()).json()).toMatchObject({ error: { code: 190, error_subcode: 463 } });
    } finally {
      await s.close();
    }
  });

  it('the same handle is the same account; a new display name shows as a profile update', async () => {
    const me = async (token: string) => (await graph(`/${VERSION}/me?appsecret_proof=${proof(token)}`, token)).body;
    const a = await me(await tokenFor('Regular', 'First Name'));
    const b = await me(await tokenFor('regular', 'Second Name'));
    const c = await me(await tokenFor('irregular', 'Other'));
    expect(b.id).toBe(a.id);
    expect(b.name).toBe('Second Name');
    expect(c.id).not.toBe(a.id);
  });

  it('answers a wrong version prefix with 400 "Unknown path components", on the dialog and on Graph', async () => {
    const token = await tokenFor('versioned');
    const graphRes = await fetch(`${base}/v2.12/me?access_token=${token}&appsecret_proof=${proof(token)}`);
    expect(graphRes.status).toBe(400);
    expect(await graphRes.json()).toMatchObject({ error: { message: 'Unknown path components: /me', type: 'OAuthException', code: 2500 } });
    expect((await fetch(dialogUrl().replace(`/${VERSION}/`, '/v3.2/'))).status).toBe(400);
    // No version at all is the app's default version, as on Graph.
    expect((await fetch(`${base}/me?access_token=${token}&appsecret_proof=${proof(token)}`)).status).toBe(200);
  });

  it('the dialog refuses an unknown app, a bad redirect_uri, a non-code response_type; an allow-list is exact', async () => {
    const open = (params: Record<string, string>) => fetch(`${base}/${VERSION}/dialog/oauth?${new URLSearchParams(params)}`);
    expect((await open({ client_id: 'nobody', redirect_uri: CALLBACK })).status).toBe(400);
    expect((await open({ client_id: APP.id, redirect_uri: 'javascript:alert(1)' })).status).toBe(400);
    expect((await open({ client_id: APP.id, redirect_uri: CALLBACK, response_type: 'token' })).status).toBe(400);
    // A forged POST cannot send the person anywhere the dialog would not.
    const forged = await fetch(`${base}/${VERSION}/dialog/oauth`, { method: 'POST', body: new URLSearchParams({ client_id: APP.id, redirect_uri: 'javascript:alert(1)', action: 'allow', screen_name: 'x' }), redirect: 'manual' });
    expect(forged.status).toBe(400);
    const strict = new FacebookSandbox({ apps: [{ ...APP, redirectUris: [CALLBACK] }], graphVersion: VERSION });
    const s = await startProviderServer(strict);
    try {
      const url = (redirect: string) => `${s.url}/${VERSION}/dialog/oauth?${new URLSearchParams({ client_id: APP.id, redirect_uri: redirect, response_type: 'code' })}`;
      expect((await fetch(url(CALLBACK))).status).toBe(200);
      expect((await fetch(url(CALLBACK + '/'))).status).toBe(400);
    } finally {
      await s.close();
    }
  });

  it('serves a self-contained, escaped consent page that carries state and scope through unchanged', async () => {
    const state = '"><script>alert(1)</script>&x=1';
    const url = dialogUrl({ state, scope: 'email' });
    const page = await fetch(url);
    const html = await page.text();
    expect(html).toContain('<title>Sandbox Facebook — not the real Facebook</title>');
    expect(html).not.toMatch(/<script|<link|src=|url\(/i);
    expect(html).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;x=1');
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self' http://app.test:3000;");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    const form = await readConsentForm(url);
    expect(form.action).toBe(`${base}/${VERSION}/dialog/oauth`);
    expect(Object.fromEntries(form.fields)).toMatchObject({ client_id: APP.id, redirect_uri: CALLBACK, state, scope: 'email' });
    const back = new URL(await consent(url, { action: 'allow', screenName: 'escaper' }));
    expect(back.searchParams.get('state')).toBe(state);
  });
});
