import { randomBytes } from 'node:crypto';
import { HANDLE, avatarSvg, consentPage, displayName, errorPage, stableAccountId } from './consent-page';
import { constantTimeEqual, parseAuthorizationHeader, requestParameters, signatureBaseString, verifyHmacSha1 } from './oauth1-signature';
import { Provider, ProviderRequest, ProviderResponse, SandboxEventHook, form, html, isFormContentType, json, redirect, svg } from './provider-http';

export interface TwitterSandboxOptions {
  consumers: { key: string; secret: string }[];
  /** Milliseconds since the epoch; tests move it to expire tokens or age timestamps. Default Date.now. */
  now?: () => number;
  /** Called for every checked step (signature, consent, verifier, …). */
  onEvent?: SandboxEventHook;
  /** How long a request token may wait for consent and exchange. Default 10 minutes. */
  requestTokenTtlMs?: number;
  /** How long an access token works. Default 24 hours (Twitter's never expire; a sandbox should not hoard). */
  accessTokenTtlMs?: number;
}

interface Account {
  id: string;
  screenName: string;
  name: string;
}

interface RequestToken {
  secret: string;
  consumerKey: string;
  callback: string;
  expires: number;
  verifier?: string;
  account?: Account;
}

interface AccessToken {
  secret: string;
  consumerKey: string;
  account: Account;
  expires: number;
}

/** Twitter's numbers for what the sandbox counted; e2e tests assert on differences. */
export interface TwitterSandboxStats {
  /** Requests whose HMAC-SHA1 signature, timestamp and nonce all passed. */
  signaturesVerified: number;
  /** Requests refused before or at the signature check (any reason below, or a bad/absent header, unknown key or token). */
  signaturesRejected: number;
  staleTimestamps: number;
  nonceReplays: number;
  requestTokensIssued: number;
  consentsAllowed: number;
  consentsDenied: number;
  /** Access-token requests with a good signature but a wrong, missing or spent verifier. */
  verifiersRefused: number;
  /** Access tokens issued. */
  tokensIssued: number;
  profilesServed: number;
}

const TIMESTAMP_WINDOW_S = 5 * 60;
const NOT_AUTHENTICATED = { errors: [{ code: 32, message: 'Could not authenticate you.' }] };
const INVALID_TOKEN = { errors: [{ code: 89, message: 'Invalid or expired token.' }] };

type Refusal = { refused: string };

/**
 * Twitter's OAuth 1.0a sign-in as a consumer meets it: request token,
 * authenticate (a consent page), access token, verify_credentials. Every API
 * request's HMAC-SHA1 signature is checked (RFC 5849) against the URL the
 * client reached (`ProviderRequest.origin` + path), timestamps must be within
 * 5 minutes, nonces are single use, verifiers are single use.
 *
 * Routes, relative to the mount: POST /oauth/request_token;
 * GET|POST /oauth/authenticate and /oauth/authorize; POST /oauth/access_token;
 * GET /1.1/account/verify_credentials.json; GET /profile_images/{id}/avatar.svg.
 */
export class TwitterSandbox implements Provider {
  readonly stats: TwitterSandboxStats = {
    signaturesVerified: 0,
    signaturesRejected: 0,
    staleTimestamps: 0,
    nonceReplays: 0,
    requestTokensIssued: 0,
    consentsAllowed: 0,
    consentsDenied: 0,
    verifiersRefused: 0,
    tokensIssued: 0,
    profilesServed: 0,
  };
  private readonly consumers: Map<string, string>;
  private readonly requestTokens = new Map<string, RequestToken>();
  private readonly accessTokens = new Map<string, AccessToken>();
  /** consumer key + nonce → when it may be forgotten (its timestamp can no longer pass). */
  private readonly nonces = new Map<string, number>();
  private readonly avatars = new Map<string, string>();
  private readonly now: () => number;
  private readonly requestTokenTtlMs: number;
  private readonly accessTokenTtlMs: number;
  private lastSweep = 0;

  constructor(private readonly options: TwitterSandboxOptions) {
    this.consumers = new Map(options.consumers.map((c) => [c.key, c.secret]));
    this.now = options.now ?? Date.now;
    this.requestTokenTtlMs = options.requestTokenTtlMs ?? 10 * 60 * 1000;
    this.accessTokenTtlMs = options.accessTokenTtlMs ?? 24 * 60 * 60 * 1000;
  }

  handle(req: ProviderRequest): ProviderResponse {
    this.sweep();
    const route = `${req.method.toUpperCase()} ${req.path}`;
    switch (route) {
      case 'POST /oauth/request_token':
        return this.requestToken(req);
      case 'GET /oauth/authenticate':
      case 'GET /oauth/authorize':
        return this.consentForm(req);
      case 'POST /oauth/authenticate':
      case 'POST /oauth/authorize':
        return this.consent(req);
      case 'POST /oauth/access_token':
        return this.accessToken(req);
      case 'GET /1.1/account/verify_credentials.json':
        return this.verifyCredentials(req);
    }
    const avatar = /^GET \/profile_images\/(\d+)\/avatar\.svg$/.exec(route);
    if (avatar && this.avatars.has(avatar[1])) return svg(this.avatars.get(avatar[1])!);
    return json(404, { errors: [{ code: 34, message: 'Sorry, that page does not exist.' }] });
  }

  private emit(step: string, ok: boolean, reason?: string, userId?: string): void {
    this.options.onEvent?.({ provider: 'twitter', step, ok, reason, userId });
  }

  /**
   * Checks an API request's OAuth 1.0a signature. `tokenSecret` maps the
   * request's oauth_token (or its absence) to the secret to sign with, or
   * undefined when that token is not acceptable here.
   */
  private verify(
    req: ProviderRequest,
    step: string,
    tokenSecret: (token: string | undefined, consumerKey: string) => string | undefined,
  ): Record<string, string> | Refusal {
    const oauth = parseAuthorizationHeader(req.headers.authorization);
    if (!oauth) return this.refuse(step, 'no_oauth_header');
    const consumerKey = oauth.oauth_consumer_key ?? '';
    const consumerSecret = this.consumers.get(consumerKey);
    if (consumerSecret === undefined) return this.refuse(step, 'unknown_consumer');
    if (oauth.oauth_signature_method !== 'HMAC-SHA1' || !oauth.oauth_signature || !oauth.oauth_nonce) return this.refuse(step, 'bad_oauth_parameters');
    // RFC 5849 says "1.0"; Twitter also took the "1.0A" that node-oauth's own Twitter examples send.
    if (oauth.oauth_version !== undefined && !/^1\.0a?$/i.test(oauth.oauth_version)) return this.refuse(step, 'bad_oauth_version');
    const timestamp = /^\d{1,12}$/.test(oauth.oauth_timestamp ?? '') ? Number(oauth.oauth_timestamp) : NaN;
    if (!Number.isFinite(timestamp) || Math.abs(this.now() / 1000 - timestamp) > TIMESTAMP_WINDOW_S) {
      this.stats.staleTimestamps++;
      return this.refuse(step, 'stale_timestamp');
    }
    const secret = tokenSecret(oauth.oauth_token, consumerKey);
    if (secret === undefined) return this.refuse(step, 'unknown_token');
    const params = requestParameters(oauth, { ...req, isForm: isFormContentType(req.headers['content-type']) });
    const base = signatureBaseString(req.method, req.origin + req.path, params);
    if (!verifyHmacSha1(oauth.oauth_signature, base, consumerSecret, secret)) return this.refuse(step, 'bad_signature');
    // Only a correctly signed request spends its nonce, so nobody can burn someone else's.
    const nonceKey = `${consumerKey}\n${oauth.oauth_nonce}`;
    if (this.nonces.has(nonceKey)) {
      this.stats.nonceReplays++;
      return this.refuse(step, 'nonce_reused');
    }
    this.nonces.set(nonceKey, Math.max(this.now(), timestamp * 1000) + (TIMESTAMP_WINDOW_S + 60) * 1000);
    this.stats.signaturesVerified++;
    this.emit(step, true, 'signature_verified');
    return { ...req.query, ...req.form, ...oauth };
  }

  private refuse(step: string, reason: string): Refusal {
    this.stats.signaturesRejected++;
    this.emit(step, false, reason);
    return { refused: reason };
  }

  private requestToken(req: ProviderRequest): ProviderResponse {
    const p = this.verify(req, 'request_token', (token) => (token === undefined ? '' : undefined));
    if ('refused' in p) return json(401, NOT_AUTHENTICATED);
    const callback = p.oauth_callback ?? '';
    if (!isHttpUrl(callback)) {
      this.emit('request_token', false, 'callback_not_approved');
      return json(403, { errors: [{ code: 415, message: 'Callback URL not approved for this client application.' }] });
    }
    const token = randomBytes(16).toString('base64url');
    const secret = randomBytes(24).toString('base64url');
    this.requestTokens.set(token, { secret, consumerKey: p.oauth_consumer_key, callback, expires: this.now() + this.requestTokenTtlMs });
    this.stats.requestTokensIssued++;
    return form(200, { oauth_token: token, oauth_token_secret: secret, oauth_callback_confirmed: 'true' });
  }

  private pendingToken(id: string | undefined): RequestToken | undefined {
    const token = id ? this.requestTokens.get(id) : undefined;
    return token && token.expires >= this.now() && !token.verifier ? token : undefined;
  }

  private consentForm(req: ProviderRequest, error?: string): ProviderResponse {
    const id = req.query.oauth_token ?? req.form.oauth_token;
    const token = this.pendingToken(id);
    if (!token) return html(errorPage('Twitter', 'This page is no longer valid: the request token is unknown, expired or already used.'), 400);
    return html(
      consentPage({
        provider: 'Twitter',
        action: new URL(req.origin).pathname.replace(/\/$/, '') + req.path,
        hidden: { oauth_token: id! },
        app: token.consumerKey,
        returnTo: new URL(token.callback).origin,
        prefill: { screenName: req.form.screen_name ?? req.query.screen_name, name: req.form.name },
        error,
      }),
      error ? 400 : 200,
      [new URL(token.callback).origin],
    );
  }

  private consent(req: ProviderRequest): ProviderResponse {
    const id = req.form.oauth_token ?? '';
    const token = this.pendingToken(id);
    if (!token) return html(errorPage('Twitter', 'This page is no longer valid: the request token is unknown, expired or already used.'), 400);
    const callback = new URL(token.callback);
    if (req.form.action !== 'allow') {
      // As Twitter does: the person is sent back with denied=<request token>, which is now spent.
      this.requestTokens.delete(id);
      this.stats.consentsDenied++;
      this.emit('consent', true, 'denied');
      callback.searchParams.set('denied', id);
      return redirect(callback.toString());
    }
    const screenName = (req.form.screen_name ?? '').trim();
    if (!HANDLE.test(screenName)) return this.consentForm(req, 'A handle is 1 to 40 of A-Z a-z 0-9 _ . -');
    const account: Account = { id: stableAccountId('twitter', screenName), screenName, name: displayName(req.form.name, screenName) };
    token.verifier = randomBytes(16).toString('base64url');
    token.account = account;
    this.stats.consentsAllowed++;
    this.emit('consent', true, 'allowed', account.id);
    callback.searchParams.set('oauth_token', id);
    callback.searchParams.set('oauth_verifier', token.verifier);
    return redirect(callback.toString());
  }

  private accessToken(req: ProviderRequest): ProviderResponse {
    const p = this.verify(req, 'access_token', (t, consumerKey) => {
      const rt = t ? this.requestTokens.get(t) : undefined;
      return rt && rt.consumerKey === consumerKey && rt.expires >= this.now() ? rt.secret : undefined;
    });
    if ('refused' in p) return json(401, NOT_AUTHENTICATED);
    const rt = this.requestTokens.get(p.oauth_token)!;
    // The verifier is single use: the request token is spent whatever the outcome.
    this.requestTokens.delete(p.oauth_token);
    if (!rt.verifier || !rt.account || !constantTimeEqual(p.oauth_verifier ?? '', rt.verifier)) {
      this.stats.verifiersRefused++;
      this.emit('access_token', false, rt.verifier ? 'bad_verifier' : 'not_authorized');
      return json(401, { errors: [{ code: 32, message: 'Invalid request token or verifier.' }] });
    }
    const token = `${rt.account.id}-${randomBytes(18).toString('base64url')}`;
    const secret = randomBytes(24).toString('base64url');
    this.accessTokens.set(token, { secret, consumerKey: rt.consumerKey, account: rt.account, expires: this.now() + this.accessTokenTtlMs });
    this.stats.tokensIssued++;
    this.emit('access_token', true, 'issued', rt.account.id);
    return form(200, { oauth_token: token, oauth_token_secret: secret, user_id: rt.account.id, screen_name: rt.account.screenName });
  }

  private verifyCredentials(req: ProviderRequest): ProviderResponse {
    const p = this.verify(req, 'verify_credentials', (t, consumerKey) => {
      const at = t ? this.accessTokens.get(t) : undefined;
      return at && at.consumerKey === consumerKey && at.expires >= this.now() ? at.secret : undefined;
    });
    if ('refused' in p) return json(401, NOT_AUTHENTICATED);
    const { account } = this.accessTokens.get(p.oauth_token)!;
    this.avatars.set(account.id, avatarSvg(account.name, account.id));
    const mount = req.origin.replace(/\/$/, '');
    const body = {
      id: account.id,
      id_str: account.id,
      name: account.name,
      screen_name: account.screenName,
      location: '',
      description: 'A sandbox account, not a real Twitter user.',
      url: null,
      protected: false,
      followers_count: 0,
      friends_count: 0,
      created_at: 'Sat Nov 28 00:00:00 +0000 2026',
      verified: false,
      default_profile_image: false,
      profile_image_url_https: `${mount}/profile_images/${account.id}/avatar.svg`,
      // Real Twitter adds email for apps granted it; the sandbox grants it to every app that asks.
      ...(p.include_email === 'true' ? { email: `${account.screenName.toLowerCase()}@sandbox.invalid` } : {}),
    };
    this.stats.profilesServed++;
    this.emit('verify_credentials', true, 'profile', account.id);
    // Like Twitter, `id` is a bare JSON number even beyond 2^53: clients must use id_str.
    const answer = json(200, body);
    answer.body = answer.body.replace(`{"id":"${account.id}"`, `{"id":${account.id}`);
    answer.headers['x-access-level'] = 'read';
    return answer;
  }

  /** Forgets spent nonces and expired tokens, at most once a minute. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const [k, until] of this.nonces) if (until < now) this.nonces.delete(k);
    for (const [k, t] of this.requestTokens) if (t.expires < now) this.requestTokens.delete(k);
    for (const [k, t] of this.accessTokens) if (t.expires < now) this.accessTokens.delete(k);
  }
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
