/**
 * The Facebook sandbox driven by real clients over HTTP: node-oauth's OAuth2
 * (what passport-oauth2 uses) for dialog → code → token → /me, and the
 * actual passport-facebook Strategy with the options the app uses.
 */
import { createHmac } from 'node:crypto';
import { OAuth2 } from 'oauth';
import { Strategy as FacebookStrategy, type Profile } from 'passport-facebook';
import { consent } from '../../../test/fakes/consent';
import { runStrategy } from '../../../test/fakes/run-strategy';
import { FacebookSandbox } from './facebook-sandbox';
import { type ProviderRequest, startProviderServer } from './provider-http';

const APP = { id: '555000111', secret: 'spec-app-secret' };
const V = 'v23.0';
const REDIRECT = 'http://app.test/auth/facebook/callback';

let clock = 0;
let sandbox: FacebookSandbox;
let relaxed: FacebookSandbox;
let server: { url: string; close(): Promise<void> };
let relaxedServer: { url: string; close(): Promise<void> };
/** Every request the sandbox received, as the adapter parsed it. */
const seen: ProviderRequest[] = [];

beforeAll(async () => {
  sandbox = new FacebookSandbox({ apps: [APP], graphVersion: V, now: () => Date.now() + clock });
  relaxed = new FacebookSandbox({ apps: [APP], graphVersion: V, requireProof: false });
  server = await startProviderServer({
    handle: (req) => {
      seen.push(req);
      return sandbox.handle(req);
    },
  });
  relaxedServer = await startProviderServer(relaxed);
});
afterAll(async () => {
  await server.close();
  await relaxedServer.close();
});
beforeEach(() => {
  clock = 0;
  seen.length = 0;
});

const client = (secret = APP.secret, base = server.url) => new OAuth2(APP.id, secret, `${base}/`, `${V}/dialog/oauth`, `${V}/oauth/access_token`);
const proof = (token: string, secret = APP.secret) => createHmac('sha256', secret).update(token).digest('hex');

function exchange(oa: OAuth2, code: string, redirectUri = REDIRECT): Promise<{ token: string; results: Record<string, unknown> }> {
  return new Promise((resolve, reject) =>
    oa.getOAuthAccessToken(code, { grant_type: 'authorization_code', redirect_uri: redirectUri }, (error, token, _refresh, results) =>
      error ? reject(error) : resolve({ token: String(token), results }),
    ),
  );
}

function graphGet(oa: OAuth2, url: string, token: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => oa.get(url, token, (error, body) => (error ? reject(error) : resolve(JSON.parse(String(body))))));
}

async function refusal(p: Promise<unknown>): Promise<{ statusCode: number; body: { error?: { message: string; type: string; code: number } } }> {
  try {
    await p;
  } catch (e) {
    const error = e as { statusCode: number; data?: string };
    return { statusCode: error.statusCode, body: JSON.parse(String(error.data)) };
  }
  throw new Error('expected the provider to refuse');
}

/** The dialog as the app's login redirect opens it, then the person's choice; returns the redirect back. */
async function dialog(choice: { action: 'allow' | 'deny'; screenName?: string; name?: string }, state = 'st-' + Math.random(), oa = client(), redirectUri = REDIRECT) {
  const authorize = oa.getAuthorizeUrl({ redirect_uri: redirectUri, state, response_type: 'code', scope: 'public_profile' });
  return { state, back: new URL(await consent(authorize, choice)) };
}

async function logIn(screenName: string, name = screenName) {
  const oa = client();
  const { back } = await dialog({ action: 'allow', screenName, name }, 'state', oa);
  const code = back.searchParams.get('code')!;
  const { token, results } = await exchange(oa, code);
  return { oa, code, token, results };
}

const meUrl = (token: string, fields = 'id,name,link,picture', extra = '') => `${server.url}/${V}/me?fields=${fields}&appsecret_proof=${proof(token)}${extra}`;

describe('Facebook sandbox with node-oauth OAuth2', () => {
  it('dialog → code → access token → /me with appsecret_proof', async () => {
    const before = { ...sandbox.stats };
    const oa = client();
    const state = 'a/b+c d=é&x';
    const { back } = await dialog({ action: 'allow', screenName: 'fb_alice', name: 'Alice Fb' }, state, oa);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe(state);
    const code = back.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const { token, results } = await exchange(oa, code);
    expect(token).toBeTruthy();
    expect(results).toMatchObject({ access_token: token, token_type: 'bearer', expires_in: expect.any(Number) });

    const me = await graphGet(oa, meUrl(token), token);
    expect(me).toMatchObject({ id: expect.stringMatching(/^\d+$/), name: 'Alice Fb', link: expect.stringMatching(/^https?:\/\//) });
    const picture = (me.picture as { data: { url: string } }).data.url;
    expect(picture).toMatch(/^https?:\/\//);
    expect((await fetch(picture)).headers.get('content-type')).toMatch(/^image\//);

    expect(sandbox.stats.codesExchanged - before.codesExchanged).toBe(1);
    expect(sandbox.stats.proofsChecked - before.proofsChecked).toBe(1);
    expect(sandbox.stats.proofsRefused).toBe(before.proofsRefused);
    expect(sandbox.stats.codesRefused).toBe(before.codesRefused);
  });

  it('node-oauth posts the code exchange as a form, and sends the token to Graph as ?access_token= (no Authorization header)', async () => {
    const { oa, token } = await logIn('wire_check');
    const exchangeReq = seen.find((r) => r.path === `/${V}/oauth/access_token`)!;
    expect(exchangeReq.method).toBe('POST');
    expect(exchangeReq.form).toMatchObject({ client_id: APP.id, client_secret: APP.secret, redirect_uri: REDIRECT, grant_type: 'authorization_code' });
    seen.length = 0;
    await graphGet(oa, meUrl(token), token);
    expect(seen[0].query.access_token).toBe(token);
    expect(seen[0].headers.authorization).toBeUndefined();
  });

  it('also takes the token in an Authorization: Bearer or OAuth header', async () => {
    const { oa, token } = await logIn('header_token');
    oa.useAuthorizationHeaderforGET(true);
    expect((await graphGet(oa, meUrl(token), token)).name).toBe('header_token');
    const res = await fetch(meUrl(token, 'id'), { headers: { authorization: `OAuth ${token}` } });
    expect(res.status).toBe(200);
  });

  it('refuses a replayed code', async () => {
    const { oa, code } = await logIn('replayer');
    const before = sandbox.stats.codesRefused;
    const replay = await refusal(exchange(oa, code));
    expect(replay.statusCode).toBe(400);
    expect(replay.body.error).toMatchObject({ message: 'This authorization code has been used.', type: 'OAuthException', code: 100 });
    expect(sandbox.stats.codesRefused - before).toBe(1);
  });

  it('refuses a redirect_uri that is not identical to the dialog’s, and a wrong client_secret', async () => {
    const oa = client();
    const { back } = await dialog({ action: 'allow', screenName: 'redirect_check' }, 's', oa);
    const code = back.searchParams.get('code')!;
    const mismatch = await refusal(exchange(oa, code, REDIRECT + '/'));
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body.error).toMatchObject({ type: 'OAuthException', message: expect.stringMatching(/redirect_uri/) });

    const wrongSecret = await refusal(exchange(client('not-the-secret'), code));
    expect(wrongSecret.statusCode).toBe(400);
    expect(wrongSecret.body.error).toMatchObject({ type: 'OAuthException', message: expect.stringMatching(/client secret/i) });

    // Neither attempt spent the code: the right exchange still works.
    await expect(exchange(oa, code)).resolves.toMatchObject({ token: expect.any(String) });
  });

  it('refuses an unknown or expired code', async () => {
    expect((await refusal(exchange(client(), 'AQnot-a-code'))).statusCode).toBe(400);
    const oa = client();
    const { back } = await dialog({ action: 'allow', screenName: 'slow_exchange' }, 's', oa);
    clock = 11 * 60 * 1000;
    const late = await refusal(exchange(oa, back.searchParams.get('code')!));
    expect(late.statusCode).toBe(400);
    expect(late.body.error?.type).toBe('OAuthException');
  });

  it('refuses /me without appsecret_proof, or with a wrong one, when proof is required', async () => {
    const { oa, token } = await logIn('proof_check');
    const before = { ...sandbox.stats };
    const missing = await refusal(graphGet(oa, `${server.url}/${V}/me?fields=id,name`, token));
    expect(missing.statusCode).toBe(400);
    // Graph itself calls this one a GraphMethodException (code 100); either way passport-facebook surfaces it.
    expect(missing.body.error).toMatchObject({ type: expect.stringMatching(/^(OAuth|GraphMethod)Exception$/), code: 100 });
    const wrong = await refusal(graphGet(oa, `${server.url}/${V}/me?fields=id,name&appsecret_proof=${proof(token, 'other-secret')}`, token));
    expect(wrong.statusCode).toBe(400);
    expect(sandbox.stats.proofsRefused - before.proofsRefused).toBe(2);
    expect(sandbox.stats.proofsChecked - before.proofsChecked).toBe(2);
    // Not the token either.
    expect((await refusal(graphGet(oa, meUrl('EAAnot-a-token'), 'EAAnot-a-token'))).statusCode).toBe(400);
  });

  it('with requireProof: false, /me answers without a proof but still checks one that is sent', async () => {
    const oa = client(APP.secret, relaxedServer.url);
    const back = new URL(
      await consent(oa.getAuthorizeUrl({ redirect_uri: REDIRECT, state: 's', response_type: 'code' }), { action: 'allow', screenName: 'relaxed' }),
    );
    const { token } = await exchange(oa, back.searchParams.get('code')!);
    expect((await graphGet(oa, `${relaxedServer.url}/${V}/me?fields=id,name`, token)).name).toBe('relaxed');
    expect((await refusal(graphGet(oa, `${relaxedServer.url}/${V}/me?appsecret_proof=00`, token))).statusCode).toBe(400);
  });

  it('sends a cancel back as Facebook does, with the state', async () => {
    const { state, back } = await dialog({ action: 'deny' }, 'keep-this-state');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(Object.fromEntries(back.searchParams)).toEqual({
      error: 'access_denied',
      error_code: '200',
      error_description: 'Permissions error',
      error_reason: 'user_denied',
      state,
    });
    expect(back.search).toContain('error_description=Permissions+error');
  });

  it('gives the same handle the same id; a new name is a profile update; fields are honoured', async () => {
    const a = await logIn('fb_same', 'First');
    const b = await logIn('fb_same', 'Second');
    const c = await logIn('fb_other');
    const meA = await graphGet(a.oa, meUrl(a.token, 'id'), a.token);
    const meB = await graphGet(b.oa, meUrl(b.token, 'id,name'), b.token);
    const meC = await graphGet(c.oa, meUrl(c.token, 'id'), c.token);
    expect(meA).toEqual({ id: meB.id });
    expect(meB).toEqual({ id: meA.id, name: 'Second' });
    expect(meC.id).not.toBe(meA.id);
  });

  it('answers an unknown version prefix with 400 like Graph', async () => {
    const { oa, token } = await logIn('version_check');
    const old = await refusal(graphGet(oa, `${server.url}/v3.2/me?appsecret_proof=${proof(token)}`, token));
    expect(old.statusCode).toBe(400);
    expect(old.body.error).toMatchObject({ type: 'OAuthException' });
    expect((await fetch(`${server.url}/v3.2/dialog/oauth?client_id=${APP.id}&redirect_uri=${encodeURIComponent(REDIRECT)}`)).status).toBe(400);
  });

  it('shows a self-contained consent page that says it is not Facebook, and refuses an unknown app', async () => {
    const page = await fetch(client().getAuthorizeUrl({ redirect_uri: REDIRECT, state: '"><script>x</script>', response_type: 'code' }));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<title>[^<]*not the real Facebook[^<]*<\/title>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
    const unknown = await fetch(`${server.url}/${V}/dialog/oauth?client_id=nope&redirect_uri=${encodeURIComponent(REDIRECT)}&response_type=code`);
    expect(unknown.status).toBeGreaterThanOrEqual(400);
  });
});

type FbVerify = (accessToken: string, refreshToken: string, profile: Profile, done: (e: unknown, user?: unknown) => void) => void;
type FacebookStrategyWithProfile = FacebookStrategy & { userProfile(accessToken: string, done: (error: unknown, profile?: unknown) => void): void };
const Facebook = FacebookStrategy as unknown as new (options: Record<string, unknown>, verify: FbVerify) => FacebookStrategyWithProfile;

describe('passport-facebook against the Facebook sandbox', () => {
  // The options the app's facebook.strategy.ts passes (auth and graph at the same base here).
  const strategyFor = (overrides: Record<string, unknown> = {}) =>
    new Facebook(
      {
        clientID: APP.id,
        clientSecret: APP.secret,
        callbackURL: REDIRECT,
        authorizationURL: `${server.url}/${V}/dialog/oauth`,
        tokenURL: `${server.url}/${V}/oauth/access_token`,
        profileURL: `${server.url}/${V}/me`,
        graphAPIVersion: V,
        enableProof: true,
        state: true,
        profileFields: ['id', 'displayName', 'name', 'photos', 'profileUrl'],
        ...overrides,
      },
      (_a, _r, profile, done) => done(null, profile),
    );

  it('logs in through authenticate(): redirect with state, consent, callback, profile', async () => {
    const before = { ...sandbox.stats };
    const strategy = strategyFor();
    const session: Record<string, unknown> = {};
    const start = await runStrategy(strategy, { query: {}, session });
    expect(start.kind).toBe('redirect');
    const authorize = new URL((start as { url: string }).url);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${server.url}/${V}/dialog/oauth`);
    expect(authorize.searchParams.get('state')).toBeTruthy();

    const back = new URL(await consent(authorize.toString(), { action: 'allow', screenName: 'passport_fb', name: 'Passport Fb Reader' }));
    expect(back.searchParams.get('state')).toBe(authorize.searchParams.get('state'));
    const done = await runStrategy(strategy, { query: Object.fromEntries(back.searchParams), session });
    expect(done.kind).toBe('success');
    const profile = (done as { user: Profile }).user;
    expect(profile).toMatchObject({ provider: 'facebook', displayName: 'Passport Fb Reader', name: { givenName: 'Passport', familyName: 'Fb Reader' } });
    expect(profile.id).toMatch(/^\d+$/);
    expect(profile.photos?.[0]?.value).toMatch(/^https?:\/\//);
    expect(profile.profileUrl).toMatch(/^https?:\/\//);
    expect(sandbox.stats.proofsChecked - before.proofsChecked).toBe(1);
    expect(sandbox.stats.proofsRefused).toBe(before.proofsRefused);
  });

  it('the app’s profileFields (id, name, picture.type(large), link) give a name through first/last name', async () => {
    const strategy = strategyFor({ profileFields: ['id', 'name', 'picture.type(large)', 'link'] });
    const { token } = await logIn('app_fields', 'Ann Marie Reader');
    const profile = await new Promise<Profile>((resolve, reject) => strategy.userProfile(token, (e, p) => (e ? reject(e) : resolve(p as Profile))));
    // passport-facebook maps "name" to last_name,first_name,middle_name: displayName stays empty without "displayName".
    expect(profile.displayName).toBeUndefined();
    expect([profile.name?.givenName, profile.name?.familyName].join(' ')).toBe('Ann Marie Reader');
    expect(profile.photos?.[0]?.value).toMatch(/^https?:\/\//);
  });

  it('refuses a callback whose state was not the one it sent', async () => {
    const strategy = strategyFor();
    const session: Record<string, unknown> = {};
    const start = await runStrategy(strategy, { query: {}, session });
    const back = new URL(await consent((start as { url: string }).url, { action: 'allow', screenName: 'csrf_victim' }));
    back.searchParams.set('state', 'forged');
    expect((await runStrategy(strategy, { query: Object.fromEntries(back.searchParams), session })).kind).toBe('fail');
  });

  it('turns a cancel into a failure, not an error', async () => {
    const strategy = strategyFor();
    const session: Record<string, unknown> = {};
    const start = await runStrategy(strategy, { query: {}, session });
    const back = new URL(await consent((start as { url: string }).url, { action: 'deny' }));
    expect((await runStrategy(strategy, { query: Object.fromEntries(back.searchParams), session })).kind).toBe('fail');
  });

  it('userProfile() without enableProof is refused with a FacebookGraphAPIError', async () => {
    const { token } = await logIn('no_proof');
    const error = await new Promise<unknown>((resolve) => strategyFor({ enableProof: false }).userProfile(token, (e) => resolve(e)));
    expect(error).toMatchObject({ name: 'FacebookGraphAPIError', code: 100, message: expect.stringMatching(/appsecret_proof/) });
  });

  it('passport-facebook’s own default Graph version (v3.2) is refused: the app must set graphAPIVersion and the URLs', async () => {
    const { token } = await logIn('default_version');
    const strategy = strategyFor({ profileURL: undefined, graphAPIVersion: undefined });
    // Without profileURL it would call graph.facebook.com itself; point it at the sandbox with the default version.
    const withDefault = strategyFor({ profileURL: `${server.url}/v3.2/me` });
    const error = await new Promise<unknown>((resolve) => withDefault.userProfile(token, (e) => resolve(e)));
    expect(error).toMatchObject({ name: 'FacebookGraphAPIError' });
    expect((strategy as unknown as { _profileURL: string })._profileURL).toBe('https://graph.facebook.com/v3.2/me');
  });
});
