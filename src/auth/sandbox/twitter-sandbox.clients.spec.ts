/**
 * The Twitter sandbox driven by real clients over HTTP: node-oauth's OAuth
 * (what passport-oauth1 uses) for the whole OAuth 1.0a dance, and the actual
 * passport-twitter Strategy with the endpoint options the app uses.
 */
import { OAuth } from 'oauth';
import { Strategy as TwitterStrategy, type Profile } from 'passport-twitter';
import { consent } from '../../../test/fakes/consent';
import { runStrategy } from '../../../test/fakes/run-strategy';
import { startProviderServer } from './provider-http';
import { TwitterSandbox } from './twitter-sandbox';

const CONSUMER = { key: 'spec-consumer-key', secret: 'spec-consumer-secret' };
const CALLBACK = 'http://app.test/auth/twitter/callback';

type OAuthError = { statusCode: number; data?: string };

let clock = 0;
let sandbox: TwitterSandbox;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  sandbox = new TwitterSandbox({ consumers: [CONSUMER], now: () => Date.now() + clock });
  server = await startProviderServer(sandbox);
});
afterAll(() => server.close());
beforeEach(() => {
  clock = 0;
});

const client = (secret = CONSUMER.secret, callback: string | null = CALLBACK, key = CONSUMER.key) =>
  new OAuth(`${server.url}/oauth/request_token`, `${server.url}/oauth/access_token`, key, secret, '1.0', callback, 'HMAC-SHA1');

function requestToken(oa: OAuth): Promise<{ token: string; secret: string; results: Record<string, string> }> {
  return new Promise((resolve, reject) =>
    oa.getOAuthRequestToken((error, token, secret, results) => (error ? reject(error) : resolve({ token, secret, results }))),
  );
}

function accessToken(oa: OAuth, token: string, secret: string, verifier: string): Promise<{ token: string; secret: string; results: Record<string, string> }> {
  return new Promise((resolve, reject) =>
    oa.getOAuthAccessToken(token, secret, verifier, (error, t, s, results) => (error ? reject(error) : resolve({ token: t, secret: s, results }))),
  );
}

function get(oa: OAuth, url: string, token: string, secret: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => oa.get(url, token, secret, (error, body) => (error ? reject(error) : resolve(JSON.parse(String(body))))));
}

async function refusal(p: Promise<unknown>): Promise<{ statusCode: number; body: unknown }> {
  try {
    await p;
  } catch (e) {
    const error = e as OAuthError;
    let body: unknown = error.data;
    try {
      body = JSON.parse(String(error.data));
    } catch {
      /* not JSON */
    }
    return { statusCode: error.statusCode, body };
  }
  throw new Error('expected the provider to refuse');
}

const twitterError = (code: number) => ({ errors: [expect.objectContaining({ code })] });

/** request token → consent → access token, as the person `screenName`. */
async function logIn(screenName: string, name = screenName, oa = client()) {
  const rt = await requestToken(oa);
  const back = new URL(await consent(`${server.url}/oauth/authenticate?oauth_token=${rt.token}`, { action: 'allow', screenName, name }));
  const verifier = back.searchParams.get('oauth_verifier')!;
  const at = await accessToken(oa, rt.token, rt.secret, verifier);
  return { oa, rt, verifier, at };
}

const verifyUrl = () => `${server.url}/1.1/account/verify_credentials.json`;

describe('Twitter sandbox with node-oauth', () => {
  it('completes the OAuth 1.0a dance and answers verify_credentials like Twitter', async () => {
    const before = { ...sandbox.stats };
    const oa = client();
    const rt = await requestToken(oa);
    expect(rt.token).toMatch(/^\S{8,}$/);
    expect(rt.secret).toMatch(/^\S{8,}$/);
    expect(rt.results.oauth_callback_confirmed).toBe('true');

    const location = await consent(`${server.url}/oauth/authenticate?oauth_token=${rt.token}`, { action: 'allow', screenName: 'alice_reads', name: 'Alice Reads' });
    const back = new URL(location);
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('oauth_token')).toBe(rt.token);
    const verifier = back.searchParams.get('oauth_verifier')!;
    expect(verifier).toBeTruthy();

    const at = await accessToken(oa, rt.token, rt.secret, verifier);
    expect(at.results.screen_name).toBe('alice_reads');
    expect(at.results.user_id).toMatch(/^\d+$/);

    const me = await get(oa, verifyUrl(), at.token, at.secret);
    expect(me).toMatchObject({ id_str: at.results.user_id, screen_name: 'alice_reads', name: 'Alice Reads' });
    expect(me.id).toBe(Number(me.id_str));
    expect(me).toHaveProperty('url');
    const avatar = me.profile_image_url_https;
    // Never a data: URL; null, or an image the sandbox itself serves.
    if (avatar !== null) {
      expect(avatar).toEqual(expect.stringMatching(/^https?:\/\//));
      const image = await fetch(String(avatar));
      expect(image.status).toBe(200);
      expect(image.headers.get('content-type')).toMatch(/^image\//);
    }

    expect(sandbox.stats.signaturesVerified - before.signaturesVerified).toBe(3);
    expect(sandbox.stats.signaturesRejected).toBe(before.signaturesRejected);
  });

  it('also accepts /oauth/authorize, and verify_credentials with a query (signed with it)', async () => {
    const oa = client();
    const rt = await requestToken(oa);
    const back = new URL(await consent(`${server.url}/oauth/authorize?oauth_token=${rt.token}`, { action: 'allow', screenName: 'authorizer' }));
    const at = await accessToken(oa, rt.token, rt.secret, back.searchParams.get('oauth_verifier')!);
    const me = await get(oa, `${verifyUrl()}?include_entities=false&skip_status=true&note=${encodeURIComponent("a b+c!*'()")}`, at.token, at.secret);
    expect(me.screen_name).toBe('authorizer');
  });

  it('gives the same handle the same id every time; a new display name is a profile update', async () => {
    const first = await logIn('Same_Handle', 'First Name');
    const again = await logIn('same_handle', 'Second Name');
    const other = await logIn('other_handle');
    expect(again.at.results.user_id).toBe(first.at.results.user_id);
    expect(other.at.results.user_id).not.toBe(first.at.results.user_id);
    const me = await get(again.oa, verifyUrl(), again.at.token, again.at.secret);
    expect(me).toMatchObject({ id_str: first.at.results.user_id, name: 'Second Name' });
  });

  it('refuses a request signed with the wrong consumer secret, or by an unknown consumer', async () => {
    const before = sandbox.stats.signaturesRejected;
    expect(await refusal(requestToken(client('not-the-secret')))).toEqual({ statusCode: 401, body: twitterError(32) });
    expect((await refusal(requestToken(client(CONSUMER.secret, CALLBACK, 'unknown-key')))).statusCode).toBe(401);
    expect(sandbox.stats.signaturesRejected - before).toBe(2);
  });

  it('refuses a tampered parameter and a tampered signature', async () => {
    const { oa, at } = await logIn('tamper_test');
    const before = sandbox.stats.signaturesRejected;
    // Signed for one query, sent with another.
    const header = oa.authHeader(`${verifyUrl()}?include_entities=true`, at.token, at.secret, 'GET');
    const tampered = await fetch(`${verifyUrl()}?include_entities=false`, { headers: { authorization: header } });
    expect(tampered.status).toBe(401);
    expect(await tampered.json()).toEqual(twitterError(32));
    // A signature changed by one character.
    const good = oa.authHeader(verifyUrl(), at.token, at.secret, 'GET');
    const forged = good.replace(/oauth_signature="([^"]+)"/, (_, s: string) => `oauth_signature="${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}"`);
    expect((await fetch(verifyUrl(), { headers: { authorization: forged } })).status).toBe(401);
    // No Authorization header at all.
    expect((await fetch(verifyUrl())).status).toBe(401);
    expect(sandbox.stats.signaturesRejected - before).toBe(3);
    // The untouched header still works.
    expect((await fetch(verifyUrl(), { headers: { authorization: good } })).status).toBe(200);
  });

  it('refuses a profile request signed with the wrong token secret', async () => {
    const { oa, at } = await logIn('wrong_token_secret');
    expect((await refusal(get(oa, verifyUrl(), at.token, 'not-the-token-secret'))).statusCode).toBe(401);
    expect((await refusal(get(oa, verifyUrl(), 'not-a-token', at.secret))).statusCode).toBe(401);
  });

  it('refuses a reused nonce', async () => {
    const { oa, at } = await logIn('nonce_test');
    const header = oa.authHeader(verifyUrl(), at.token, at.secret, 'GET');
    expect((await fetch(verifyUrl(), { headers: { authorization: header } })).status).toBe(200);
    const replay = await fetch(verifyUrl(), { headers: { authorization: header } });
    expect(replay.status).toBe(401);
    expect(await replay.json()).toEqual({ errors: [expect.objectContaining({ code: expect.any(Number) })] });
  });

  it('refuses timestamps more than five minutes away, both ways', async () => {
    clock = 6 * 60 * 1000; // the provider's clock is ahead: the client's timestamp is stale
    const stale = await refusal(requestToken(client()));
    expect(stale.statusCode).toBe(401);
    clock = -6 * 60 * 1000; // and behind
    expect((await refusal(requestToken(client()))).statusCode).toBe(401);
    clock = 4 * 60 * 1000; // within the window
    await expect(requestToken(client())).resolves.toMatchObject({ results: { oauth_callback_confirmed: 'true' } });
  });

  it('requires oauth_callback on the request token', async () => {
    const answer = await refusal(requestToken(client(CONSUMER.secret, null)));
    expect(answer.statusCode).toBeGreaterThanOrEqual(400);
    expect(answer.statusCode).toBeLessThan(500);
  });

  it('uses a verifier once, and refuses a wrong one', async () => {
    const { oa, rt, verifier } = await logIn('verifier_test');
    expect((await refusal(accessToken(oa, rt.token, rt.secret, verifier))).statusCode).toBe(401);

    const rt2 = await requestToken(oa);
    await consent(`${server.url}/oauth/authenticate?oauth_token=${rt2.token}`, { action: 'allow', screenName: 'verifier_test' });
    expect((await refusal(accessToken(oa, rt2.token, rt2.secret, 'wrong-verifier'))).statusCode).toBe(401);
  });

  it('refuses the access token exchange signed without the request-token secret', async () => {
    const oa = client();
    const rt = await requestToken(oa);
    const back = new URL(await consent(`${server.url}/oauth/authenticate?oauth_token=${rt.token}`, { action: 'allow', screenName: 'secretless' }));
    expect((await refusal(accessToken(oa, rt.token, 'guessed-secret', back.searchParams.get('oauth_verifier')!))).statusCode).toBe(401);
  });

  it('sends a denial back to the callback with denied=<token>, and that token is then dead', async () => {
    const oa = client();
    const rt = await requestToken(oa);
    const back = new URL(await consent(`${server.url}/oauth/authenticate?oauth_token=${rt.token}`, { action: 'deny' }));
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('denied')).toBe(rt.token);
    expect(back.searchParams.has('oauth_verifier')).toBe(false);
    expect((await refusal(accessToken(oa, rt.token, rt.secret, 'anything'))).statusCode).toBe(401);
  });

  it('shows a self-contained, escaped consent page that says it is not Twitter', async () => {
    const oa = client(CONSUMER.secret, 'http://app.test/cb?x="><script>alert(1)</script>');
    const rt = await requestToken(oa);
    const page = await fetch(`${server.url}/oauth/authenticate?oauth_token=${rt.token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toMatch(/<title>[^<]*not the real Twitter[^<]*<\/title>/);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//i);
    expect(html).toMatch(/name="screen_name"/);
    expect(html).toMatch(/name="name"/);
    expect(html).toMatch(/value="allow"/);
    expect(html).toMatch(/value="deny"/);
    // An unknown or used token shows no form.
    expect((await fetch(`${server.url}/oauth/authenticate?oauth_token=nope`)).status).toBeGreaterThanOrEqual(400);
  });

  it('expires request tokens', async () => {
    const oa = client();
    const rt = await requestToken(oa);
    clock = 60 * 60 * 1000;
    expect((await fetch(`${server.url}/oauth/authenticate?oauth_token=${rt.token}`)).status).toBeGreaterThanOrEqual(400);
  });
});

type Verify = (token: string, secret: string, profile: Profile, done: (e: unknown, user?: unknown) => void) => void;
/** passport-twitter's Strategy with the inherited userProfile() its typings leave out. */
type TwitterStrategyWithProfile = TwitterStrategy & {
  userProfile(token: string, secret: string, params: Record<string, string>, done: (error: unknown, profile?: unknown) => void): void;
};
const Twitter = TwitterStrategy as unknown as new (options: Record<string, unknown>, verify: Verify) => TwitterStrategyWithProfile;

describe('passport-twitter against the Twitter sandbox', () => {
  // The options the app's twitter.strategy.ts passes.
  const strategyFor = (verify: Verify) =>
    new Twitter(
      {
        consumerKey: CONSUMER.key,
        consumerSecret: CONSUMER.secret,
        callbackURL: CALLBACK,
        requestTokenURL: `${server.url}/oauth/request_token`,
        accessTokenURL: `${server.url}/oauth/access_token`,
        userAuthorizationURL: `${server.url}/oauth/authenticate`,
        userProfileURL: `${server.url}/1.1/account/verify_credentials.json`,
        includeEmail: false,
      },
      verify,
    );

  it('logs in through authenticate(): redirect, consent, callback, profile', async () => {
    const strategy = strategyFor((_t, _s, profile, done) => done(null, profile));
    const session: Record<string, unknown> = {};
    const start = await runStrategy(strategy, { query: {}, session });
    expect(start.kind).toBe('redirect');
    const authorize = (start as { url: string }).url;
    expect(authorize.startsWith(`${server.url}/oauth/authenticate?oauth_token=`)).toBe(true);
    expect(session['oauth:twitter']).toBeDefined(); // the request-token secret waits in the session

    const back = new URL(await consent(authorize, { action: 'allow', screenName: 'passport_reader', name: 'Passport Reader' }));
    const done = await runStrategy(strategy, { query: Object.fromEntries(back.searchParams), session });
    expect(done.kind).toBe('success');
    const profile = (done as { user: Profile & { _json: Record<string, unknown> } }).user;
    expect(profile).toMatchObject({ provider: 'twitter', username: 'passport_reader', displayName: 'Passport Reader' });
    expect(profile.id).toBe(profile._json.id_str);
  });

  it('fails the callback when the person cancels', async () => {
    const strategy = strategyFor((_t, _s, profile, done) => done(null, profile));
    const session: Record<string, unknown> = {};
    const start = await runStrategy(strategy, { query: {}, session });
    const back = new URL(await consent((start as { url: string }).url, { action: 'deny' }));
    const done = await runStrategy(strategy, { query: Object.fromEntries(back.searchParams), session });
    expect(done.kind).toBe('fail');
  });

  it('userProfile() parses verify_credentials; a bad token is an APIError from Twitter’s error body', async () => {
    const strategy = strategyFor((_t, _s, profile, done) => done(null, profile));
    const { at } = await logIn('profile_direct', 'Profile Direct');
    const profile = await new Promise<Profile>((resolve, reject) =>
      strategy.userProfile(at.token, at.secret, { user_id: at.results.user_id }, (e, p) => (e ? reject(e) : resolve(p as Profile))),
    );
    expect(profile).toMatchObject({ id: at.results.user_id, username: 'profile_direct', displayName: 'Profile Direct' });

    const failure = await new Promise<unknown>((resolve) => strategy.userProfile(at.token, 'wrong', {}, (e) => resolve(e)));
    expect(failure).toMatchObject({ name: 'APIError', code: expect.any(Number) });
  });
});
