/**
 * The Facebook sandbox driven over HTTP by the clients the app really uses:
 * node-oauth's OAuth2 (what passport-oauth2 uses) for dialog → code → token →
 * /me, and passport-facebook's Strategy with the app's options. Requests no
 * real client would send (forged, replayed, late) are made with fetch.
 */
import { createHmac } from 'node:crypto';
import { OAuth2 } from 'oauth';
import { Strategy as FacebookStrategy, type Profile } from 'passport-facebook';
import { consent, readConsentForm } from '../../../test/fakes/consent';
import { runStrategy } from '../../../test/fakes/run-strategy';
import { FacebookSandbox, parseFields, type FacebookSandboxOptions } from './facebook-sandbox';
import { startProviderServer, type ProviderRequest, type SandboxEvent } from './provider-http';

const APP = { id: '4242424242', secret: 'spec-app-secret' };
const VERSION = 'v23.0';
const CALLBACK = 'http://app.test:3000/auth/facebook/callback';

const proof = (token: string, secret = APP.secret) => createHmac('sha256', secret).update(token).digest('hex');

/** node-oauth's OAuth2 as passport-oauth2 builds it: authorizationURL and tokenURL absolute, base site ''. */
const oauth2For = (base: string, secret = APP.secret) => new OAuth2(APP.id, secret, '', `${base}/${VERSION}/dialog/oauth`, `${base}/${VERSION}/oauth/access_token`);

type OAuthError = { statusCode: number; data: string };

/** passport-facebook's Strategy, with the inherited userProfile() its typings leave out. */
type FacebookStrategyWithProfile = FacebookStrategy & { userProfile(accessToken: string, done: (error: unknown, profile?: Profile) => void): void };

function strategyFor(base: string, overrides: Record<string, unknown> = {}): FacebookStrategyWithProfile {
  return new FacebookStrategy(
    {
      clientID: APP.id,
      clientSecret: APP.secret,
      callbackURL: CALLBACK,
      // The options the app uses (src/auth/strategies/facebook.strategy.ts), auth and Graph at the same base here.
      authorizationURL: `${base}/${VERSION}/dialog/oauth`,
      tokenURL: `${base}/${VERSION}/oauth/access_token`,
      profileURL: `${base}/${VERSION}/me`,
      graphAPIVersion: VERSION,
      enableProof: true,
      state: true,
      profileFields: ['id', 'displayName', 'photos', 'profileUrl'],
      ...overrides,
    } as unknown as ConstructorParameters<typeof FacebookStrategy>[0],
    ((_a: string, _r: string, profile: Profile, done: (e: unknown, u?: unknown) => void) => done(null, profile)) as never,
  ) as FacebookStrategyWithProfile;
}

/** userProfile()'s answer: the profile, or the error it gave. */
const userProfile = (strategy: FacebookStrategyWithProfile, token: string) =>
  new Promise<{ profile?: Profile; error?: unknown }>((resolve) => strategy.userProfile(token, (error, profile) => resolve(error ? { error } : { profile })));

describe('FacebookSandbox (OAuth 2.0 + Graph) driven by node-oauth OAuth2 and passport-facebook', () => {
  let clockOffset = 0;
  const events: SandboxEvent[] = [];
  /** Every request the shared sandbox received, as the adapter parsed it. */
  const seen: ProviderRequest[] = [];
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
  /** A refused exchange's status and Graph error. */
  const refusedExchange = async (code: string, redirectUri = CALLBACK, client = oauth2) => {
    const e = (await exchange(code, redirectUri, client).then(
      () => Promise.reject(new Error('expected the exchange to be refused')),
      (err: OAuthError) => err,
    )) as OAuthError;
    return { statusCode: e.statusCode, error: JSON.parse(e.data).error };
  };
  const graph = (path: string, token: string | null, client = oauth2) =>
    new Promise<{ status: number; body: Record<string, any> }>((resolve) =>
      client.get(`${base}${path}`, token as string, (err, data) =>
        resolve(err ? { status: (err as OAuthError).statusCode, body: JSON.parse(String((err as OAuthError).data)) } : { status: 200, body: JSON.parse(String(data)) }),
      ),
    );
  const dialogUrl = (params: Record<string, string> = {}, client = oauth2) =>
    client.getAuthorizeUrl({ redirect_uri: CALLBACK, response_type: 'code', state: 'st-' + Math.random().toString(36).slice(2), ...params });
  async function codeFor(screenName: string, name = screenName, params: Record<string, string> = {}, client = oauth2) {
    const back = new URL(await consent(dialogUrl(params, client), { action: 'allow', screenName, name }));
    return back.searchParams.get('code')!;
  }
  async function tokenFor(screenName: string, name = screenName, params: Record<string, string> = {}, client = oauth2) {
    return (await exchange(await codeFor(screenName, name, params, client), CALLBACK, client)).token;
  }

  /** A sandbox of its own (on the shared clock) for options the shared one must not have. */
  async function withOwnSandbox(options: Partial<FacebookSandboxOptions>, run: (url: string, own: FacebookSandbox) => Promise<void>) {
    const own = new FacebookSandbox({ apps: [APP], graphVersion: VERSION, now: () => Date.now() + clockOffset, ...options });
    const s = await startProviderServer(own);
    try {
      await run(s.url, own);
    } finally {
      await s.close();
    }
  }

  beforeAll(async () => {
    server = await startProviderServer(
      {
        handle: (req) => {
          seen.push(req);
          return sandbox.handle(req);
        },
      },
      { host: '127.0.0.1', port: 0 },
    );
    base = server.url;
    oauth2 = oauth2For(base);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    clockOffset = 0;
    events.length = 0;
    seen.length = 0;
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
    expect(sandbox.stats.codesRefused).toBe(before.codesRefused);
    expect(sandbox.stats.proofsChecked - before.proofsChecked).toBe(1);
    expect(sandbox.stats.proofsRefused).toBe(before.proofsRefused);
    expect(events.map((e) => `${e.step}:${e.ok}:${e.reason}`)).toEqual(['consent:true:allowed', 'code_exchange:true:token_issued', 'me:true:proof_verified', 'me:true:profile']);
  });

  it('node-oauth posts the code exchange as a form, and sends the token to Graph as ?access_token= (no Authorization header)', async () => {
    const code = await codeFor('wire_check');
    seen.length = 0;
    const { token } = await exchange(code);
    expect(seen[0]).toMatchObject({ method: 'POST', path: `/${VERSION}/oauth/access_token` });
    expect(seen[0].form).toMatchObject({ client_id: APP.id, client_secret: APP.secret, code, redirect_uri: CALLBACK, grant_type: 'authorization_code' });
    seen.length = 0;
    expect((await graph(`/${VERSION}/me?appsecret_proof=${proof(token)}`, token)).status).toBe(200);
    expect(seen[0].query.access_token).toBe(token);
    expect(seen[0].headers.authorization).toBeUndefined();
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
    const strategy = strategyFor(base);
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
    const profile = done.user as Profile;
    // profileFields 'displayName' is Graph's `name`, 'photos' its picture, 'profileUrl' its link.
    expect(profile).toMatchObject({ provider: 'facebook', displayName: 'Pass Port Book', profileUrl: expect.stringMatching(new RegExp(`^${base}/profile/\\d{17}$`)) });
    expect(profile.id).toMatch(/^\d{17}$/);
    expect(profile.photos?.[0].value).toBe(`${base}/${profile.id}/picture`);
    expect(sandbox.stats.codesExchanged - before.codesExchanged).toBe(1);
    expect(sandbox.stats.proofsChecked - before.proofsChecked).toBe(1);
    expect(sandbox.stats.proofsRefused).toBe(before.proofsRefused);

    // The same callback again: passport's state check refuses it before the provider is asked.
    const replay = await runStrategy(strategy, { query: Object.fromEntries(back.searchParams), session, url: back.pathname + back.search });
    expect(replay).toMatchObject({ kind: 'fail', challenge: { message: 'Unable to verify authorization request state.' } });
  });

  it('passport-facebook: profileFields "name" gives first and last name but no displayName', async () => {
    // passport-facebook asks Graph for last_name,first_name,middle_name (not `name`) for it; the app's verify falls back to these.
    const token = await tokenFor('split_name', 'Ann Marie Reader');
    const { profile } = await userProfile(strategyFor(base, { profileFields: ['id', 'name', 'picture.type(large)', 'link'] }), token);
    expect(profile).toMatchObject({ name: { givenName: 'Ann', familyName: 'Marie Reader' }, profileUrl: expect.stringContaining('/profile/') });
    expect(profile!.displayName).toBeUndefined();
    expect(profile!.photos?.[0].value).toMatch(/\/picture$/);
  });

  it('passport-facebook: refuses a callback whose state is not the one it sent', async () => {
    const strategy = strategyFor(base);
    const session: Record<string, unknown> = {};
    const start = await runStrategy(strategy, { query: {}, session });
    const back = new URL(await consent((start as { url: string }).url, { action: 'allow', screenName: 'csrf_victim' }));
    back.searchParams.set('state', 'forged');
    const done = await runStrategy(strategy, { query: Object.fromEntries(back.searchParams), session });
    expect(done).toMatchObject({ kind: 'fail', challenge: { message: 'Invalid authorization request state.' } });
  });

  it('passport-facebook: a denial comes back to the callback with error=access_denied and the state, and fails the login', async () => {
    const strategy = strategyFor(base);
    const session: Record<string, unknown> = {};
    const start = await runStrategy(strategy, { query: {}, session, url: '/auth/facebook' });
    if (start.kind !== 'redirect') throw new Error('expected a redirect');
    const state = new URL(start.url).searchParams.get('state');
    const back = new URL(await consent(start.url, { action: 'deny' }));
    expect(back.origin + back.pathname).toBe(CALLBACK);
    expect([...back.searchParams]).toEqual([
      ['error', 'access_denied'],
      ['error_code', '200'],
      ['error_description', 'Permissions error'],
      ['error_reason', 'user_denied'],
      ['state', state],
    ]);
    expect(back.search).toContain('error_description=Permissions+error');
    const done = await runStrategy(strategy, { query: Object.fromEntries(back.searchParams), session, url: back.pathname + back.search });
    expect(done).toMatchObject({ kind: 'fail', challenge: { message: 'Permissions error' } });
  });

  it('passport-facebook: userProfile() without enableProof is refused with a FacebookGraphAPIError', async () => {
    const token = await tokenFor('no_proof');
    const { error } = await userProfile(strategyFor(base, { enableProof: false }), token);
    expect(error).toMatchObject({ name: 'FacebookGraphAPIError', code: 100, message: 'API calls from the server require an appsecret_proof argument' });
  });

  it('passport-facebook’s own default Graph version (v3.2) is refused: the app must set graphAPIVersion and the URLs', async () => {
    const token = await tokenFor('default_version');
    // Without profileURL it would call graph.facebook.com itself...
    const unset = strategyFor(base, { profileURL: undefined, graphAPIVersion: undefined });
    expect((unset as unknown as { _profileURL: string })._profileURL).toBe('https://graph.facebook.com/v3.2/me');
    // ...so point it at the sandbox with that default version.
    const { error } = await userProfile(strategyFor(base, { profileURL: `${base}/v3.2/me` }), token);
    expect(error).toMatchObject({ name: 'FacebookGraphAPIError', code: 2500 });
  });

  it('refuses a replayed code, and revokes the token the code already bought', async () => {
    const code = await codeFor('replayer');
    const { token } = await exchange(code);
    expect((await graph(`/${VERSION}/me?appsecret_proof=${proof(token)}`, token)).status).toBe(200);
    const refused = sandbox.stats.codesRefused;
    const replay = await refusedExchange(code);
    expect(replay).toMatchObject({ statusCode: 400, error: { message: 'This authorization code has been used.', type: 'OAuthException', code: 100, error_subcode: 36009 } });
    expect(sandbox.stats.codesRefused).toBe(refused + 1);
    expect(events.at(-1)).toMatchObject({ step: 'code_exchange', ok: false, reason: 'code_used' });
    expect((await graph(`/${VERSION}/me?appsecret_proof=${proof(token)}`, token)).body.error.code).toBe(190);
  });

  it('refuses a redirect_uri that is not identical to the dialog’s (and the code still works with the right one)', async () => {
    const code = await codeFor('redirector');
    for (const other of [CALLBACK + '/', CALLBACK + '?x=1', CALLBACK.replace('app.test', 'evil.test')]) {
      const res = await refusedExchange(code, other);
      expect(res).toMatchObject({ statusCode: 400, error: { type: 'OAuthException', code: 100, error_subcode: 36008, message: expect.stringMatching(/redirect_uri/) } });
    }
    expect((await exchange(code)).token).toMatch(/^EAA/);
  });

  it('refuses a wrong client_secret or an unknown client_id, over POST and GET, without spending the code', async () => {
    const code = await codeFor('secretive');
    const before = sandbox.stats.secretsRefused;
    const res = await refusedExchange(code, CALLBACK, oauth2For(base, 'not-the-secret'));
    expect(res).toMatchObject({ statusCode: 400, error: { message: 'Error validating client secret.', type: 'OAuthException', code: 1 } });
    const q = (p: Record<string, string>) => fetch(`${base}/${VERSION}/oauth/access_token?${new URLSearchParams(p)}`);
    const unknown = await q({ client_id: 'nobody', client_secret: APP.secret, code, redirect_uri: CALLBACK });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: 101 } });
    expect(sandbox.stats.secretsRefused - before).toBe(2);
    // GET with the right values works too (Graph takes both), once.
    const ok = await q({ client_id: APP.id, client_secret: APP.secret, code, redirect_uri: CALLBACK });
    expect(ok.status).toBe(200);
    expect((await q({ client_id: APP.id, client_secret: APP.secret, code, redirect_uri: CALLBACK })).status).toBe(400);
  });

  it('refuses an expired code, and an unknown one', async () => {
    const code = await codeFor('slowpoke');
    clockOffset = 10 * 60 * 1000 + 1000;
    expect(await refusedExchange(code)).toMatchObject({ statusCode: 400, error: { message: 'This authorization code has expired.', type: 'OAuthException', error_subcode: 36007 } });
    expect(await refusedExchange('AQnot-a-code')).toMatchObject({ statusCode: 400, error: { message: 'Invalid verification code format.' } });
  });

  it('refuses /me without appsecret_proof, or with a wrong one, when proof is required', async () => {
    const token = await tokenFor('prover');
    const before = { ...sandbox.stats };
    const missing = await graph(`/${VERSION}/me`, token);
    expect(missing).toMatchObject({ status: 400, body: { error: { message: 'API calls from the server require an appsecret_proof argument', type: 'GraphMethodException', code: 100 } } });
    const wrong = await graph(`/${VERSION}/me?appsecret_proof=${proof(token, 'another-secret')}`, token);
    expect(wrong).toMatchObject({ status: 400, body: { error: { message: 'Invalid appsecret_proof provided in the API argument', type: 'GraphMethodException', code: 100 } } });
    const otherToken = await graph(`/${VERSION}/me?appsecret_proof=${proof(token + 'x')}`, token);
    expect(otherToken.status).toBe(400);
    expect(sandbox.stats.proofsChecked - before.proofsChecked).toBe(3);
    expect(sandbox.stats.proofsRefused - before.proofsRefused).toBe(3);
    expect((await graph(`/${VERSION}/me?appsecret_proof=${proof(token).toUpperCase()}`, token)).status).toBe(200);
  });

  it('with requireProof: false, /me works without a proof, but a wrong proof is still refused', async () => {
    await withOwnSandbox({ requireProof: false }, async (url, lax) => {
      const token = await tokenFor('lax', 'Lax', {}, oauth2For(url));
      const plain = await fetch(`${url}/${VERSION}/me?access_token=${token}`);
      expect(plain.status).toBe(200);
      expect(await plain.json()).toMatchObject({ name: 'Lax' });
      expect((await fetch(`${url}/${VERSION}/me?access_token=${token}&appsecret_proof=00`)).status).toBe(400);
      expect(lax.stats).toMatchObject({ proofsChecked: 1, proofsRefused: 1 });
    });
  });

  it('takes the token from ?access_token= or from Authorization: Bearer/OAuth, and refuses none or an unknown one', async () => {
    const token = await tokenFor('header_user');
    const withHeader = oauth2For(base);
    withHeader.useAuthorizationHeaderforGET(true);
    expect((await graph(`/${VERSION}/me?appsecret_proof=${proof(token)}`, token, withHeader)).status).toBe(200);
    const oauthScheme = await fetch(`${base}/${VERSION}/me?appsecret_proof=${proof(token)}`, { headers: { authorization: `OAuth ${token}` } });
    expect(oauthScheme.status).toBe(200);
    const before = sandbox.stats.tokensRefused;
    const none = await fetch(`${base}/${VERSION}/me`);
    expect(await none.json()).toMatchObject({ error: { code: 2500 } });
    const bad = await fetch(`${base}/${VERSION}/me?access_token=EAAnope&appsecret_proof=00`);
    expect(await bad.json()).toMatchObject({ error: { message: 'Invalid OAuth access token - Cannot parse access token', code: 190 } });
    expect(sandbox.stats.tokensRefused - before).toBe(2);
  });

  it('access tokens expire', async () => {
    await withOwnSandbox({ accessTokenTtlMs: 30_000 }, async (url) => {
      const token = await tokenFor('ephemeral', 'Ephemeral', {}, oauth2For(url));
      const me = () => fetch(`${url}/${VERSION}/me?access_token=${token}&appsecret_proof=${proof(token)}`);
      expect((await me()).status).toBe(200);
      clockOffset = 31_000;
      expect(await (await me()).json()).toMatchObject({ error: { code: 190, error_subcode: 463 } });
    });
  });

  it('the same handle (any case) is the same account; a new display name shows as a profile update', async () => {
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
    await withOwnSandbox({ apps: [{ ...APP, redirectUris: [CALLBACK] }] }, async (url) => {
      const dialog = (redirect: string) => `${url}/${VERSION}/dialog/oauth?${new URLSearchParams({ client_id: APP.id, redirect_uri: redirect, response_type: 'code' })}`;
      expect((await fetch(dialog(CALLBACK))).status).toBe(200);
      expect((await fetch(dialog(CALLBACK + '/'))).status).toBe(400);
    });
  });

  it('serves a self-contained, escaped consent page that says it is not Facebook and carries state and scope through unchanged (or no state)', async () => {
    const state = '"><script>alert(1)</script>&x=1';
    const url = dialogUrl({ state, scope: 'email' });
    const page = await fetch(url);
    expect(page.status).toBe(200);
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
    // No state asked for, none made up.
    const stateless = new URL(await consent(oauth2.getAuthorizeUrl({ redirect_uri: CALLBACK, response_type: 'code' }), { action: 'allow', screenName: 'stateless' }));
    expect([...stateless.searchParams.keys()]).toEqual(['code']);
  });
});
