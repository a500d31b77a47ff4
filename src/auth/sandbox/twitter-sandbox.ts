import { randomBytes } from 'node:crypto';
import { HANDLE, avatarSvg, cleanName, consentPage, errorPage, stableAccountId } from './consent-page';
import { parseAuthorizationHeader, signatureBaseString, verifyHmacSha1 } from './oauth1-signature';
import { Provider, ProviderRequest, ProviderResponse, form, html, json, redirect, svg } from './provider-http';

interface Account {
  id: string;
  screenName: string;
  name: string;
}

interface RequestToken {
  secret: string;
  consumerKey: string;
  callback: string;
  verifier?: string;
  account?: Account;
  expires: number;
}

interface AccessToken {
  secret: string;
  consumerKey: string;
  accountId: string;
  expires: number;
}

export interface TwitterSandboxOptions {
  consumers: { key: string; secret: string }[];
  /** Milliseconds since the epoch; tests move it to show expiry and stale timestamps. */
  now?: () => number;
}

const REQUEST_TOKEN_TTL_MS = 15 * 60 * 1000;
const ACCESS_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;
const TIMESTAMP_WINDOW_S = 5 * 60;
const SWEEP_ABOVE = 1000;

const twitterError = (status: number, code: number, message: string) => json(status, { errors: [{ code, message }] });
const notAuthenticated = () => twitterError(401, 32, 'Could not authenticate you.');
const invalidToken = () => twitterError(401, 89, 'Invalid or expired token.');

type Signed = { params: Record<string, string>; refused?: undefined } | { refused: ProviderResponse };

/**
 * Twitter's OAuth 1.0a as a consumer meets it: request token, authenticate,
 * access token, verify_credentials. Every request's HMAC-SHA1 signature is
 * checked (RFC 5849) against the full URL the client reached, nonces are
 * single-use and timestamps must be within five minutes.
 */
export class TwitterSandbox implements Provider {
  /** What the fake checked, for tests to assert on. */
  readonly stats = {
    signaturesVerified: 0,
    signaturesRejected: 0,
    nonceReplays: 0,
    staleTimestamps: 0,
    requestTokensIssued: 0,
    consentsGiven: 0,
    consentsDenied: 0,
    verifiersRefused: 0,
    tokensIssued: 0,
    profilesServed: 0,
  };
  private readonly consumers: Map<string, string>;
  private readonly requestTokens = new Map<string, RequestToken>();
  private readonly accessTokens = new Map<string, AccessToken>();
  /** The latest profile per account id: a new display name at the consent page is a profile update. */
  private readonly accounts = new Map<string, Account>();
  private readonly nonces = new Map<string, number>();
  private readonly now: () => number;

  constructor(options: TwitterSandboxOptions) {
    this.consumers = new Map(options.consumers.map((c) => [c.key, c.secret]));
    this.now = options.now ?? Date.now;
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
    const avatar = /^GET \/profile_images\/(\d{1,20})_normal\.svg$/.exec(route);
    if (avatar) {
      const account = this.accounts.get(avatar[1]);
      if (account) return svg(avatarSvg(account.id, account.name));
    }
    return twitterError(404, 34, 'Sorry, that page does not exist.');
  }

  /**
   * Checks the request's signature (consumer secret & the secret of the token
   * it names); returns all its parameters, or the refusal to answer (counted).
   */
  private signed(req: ProviderRequest, tokenSecret: (token: string | undefined) => string | undefined): Signed {
    const header = parseAuthorizationHeader(req.headers.authorization);
    if (!header) return this.reject();
    const consumerSecret = this.consumers.get(header.oauth_consumer_key ?? '');
    if (
      consumerSecret === undefined ||
      header.oauth_signature_method !== 'HMAC-SHA1' ||
      !header.oauth_signature ||
      !header.oauth_nonce ||
      (header.oauth_version !== undefined && header.oauth_version !== '1.0')
    ) {
      return this.reject();
    }
    const timestamp = /^\d{1,12}$/.test(header.oauth_timestamp ?? '') ? Number(header.oauth_timestamp) : NaN;
    if (!Number.isFinite(timestamp) || Math.abs(this.now() / 1000 - timestamp) > TIMESTAMP_WINDOW_S) {
      this.stats.staleTimestamps++;
      this.stats.signaturesRejected++;
      return { refused: twitterError(401, 135, 'Timestamp out of bounds.') };
    }
    const secret = tokenSecret(header.oauth_token);
    if (secret === undefined) {
      this.stats.signaturesRejected++;
      return { refused: header.oauth_token ? invalidToken() : notAuthenticated() };
    }
    const params: [string, string][] = [...Object.entries(header), ...Object.entries(req.query), ...Object.entries(req.form)];
    const base = signatureBaseString(req.method, req.origin + req.path, params);
    if (!verifyHmacSha1(header.oauth_signature, base, consumerSecret, secret)) return this.reject();
    // Only a correctly signed request spends its nonce, so nobody can burn another client's nonces.
    const nonceKey = `${header.oauth_consumer_key}\n${header.oauth_token ?? ''}\n${header.oauth_timestamp}\n${header.oauth_nonce}`;
    if (this.nonces.has(nonceKey)) {
      this.stats.nonceReplays++;
      return this.reject();
    }
    this.nonces.set(nonceKey, timestamp * 1000);
    this.stats.signaturesVerified++;
    return { params: { ...req.query, ...req.form, ...header } };
  }

  private reject(): Signed {
    this.stats.signaturesRejected++;
    return { refused: notAuthenticated() };
  }

  private requestToken(req: ProviderRequest): ProviderResponse {
    const signed = this.signed(req, (token) => (token === undefined ? '' : undefined));
    if (signed.refused) return signed.refused;
    const p = signed.params;
    if (!p.oauth_callback) return twitterError(400, 215, 'Bad Authentication data: oauth_callback is required.');
    if (!isHttpUrl(p.oauth_callback)) {
      return twitterError(403, 415, 'Callback URL not approved for this client application.');
    }
    const token = randomBytes(16).toString('hex');
    const secret = randomBytes(24).toString('hex');
    this.requestTokens.set(token, { secret, consumerKey: p.oauth_consumer_key, callback: p.oauth_callback, expires: this.now() + REQUEST_TOKEN_TTL_MS });
    this.stats.requestTokensIssued++;
    return form(200, { oauth_token: token, oauth_token_secret: secret, oauth_callback_confirmed: 'true' });
  }

  private liveRequestToken(id: string | undefined): RequestToken | undefined {
    const token = id ? this.requestTokens.get(id) : undefined;
    return token && token.expires > this.now() ? token : undefined;
  }

  private consentForm(req: ProviderRequest): ProviderResponse {
    const id = req.query.oauth_token;
    const token = this.liveRequestToken(id);
    if (!token) return html(errorPage('Twitter', 'This sign-in link is invalid or has expired. Go back and start again.'), 400);
    return html(consentPage('Twitter', req.origin + req.path, { oauth_token: id }, { app: token.consumerKey, returnsTo: token.callback }));
  }

  private consent(req: ProviderRequest): ProviderResponse {
    const id = req.form.oauth_token ?? '';
    const token = this.liveRequestToken(id);
    if (!token) return html(errorPage('Twitter', 'This sign-in link is invalid or has expired. Go back and start again.'), 400);
    const callback = new URL(token.callback);
    if (req.form.action !== 'allow') {
      // As Twitter does: back to the callback with denied=<request token>, which is then dead.
      this.requestTokens.delete(id);
      this.stats.consentsDenied++;
      callback.searchParams.set('denied', id);
      return redirect(callback.toString());
    }
    const screenName = (req.form.screen_name ?? '').trim().replace(/^@/, '');
    if (!HANDLE.test(screenName)) return html(errorPage('Twitter', 'A handle is 1 to 40 letters, digits, _ . or -. Go back and try again.'), 400);
    const account: Account = { id: stableAccountId(screenName), screenName, name: cleanName(req.form.name) || screenName };
    token.verifier = randomBytes(16).toString('hex');
    token.account = account;
    this.stats.consentsGiven++;
    callback.searchParams.set('oauth_token', id);
    callback.searchParams.set('oauth_verifier', token.verifier);
    return redirect(callback.toString());
  }

  private accessToken(req: ProviderRequest): ProviderResponse {
    const signed = this.signed(req, (t) => this.liveRequestToken(t)?.secret);
    if (signed.refused) return signed.refused;
    const p = signed.params;
    const rt = this.requestTokens.get(p.oauth_token)!;
    // The verifier is single use: a correctly signed exchange spends the request token, right or wrong.
    this.requestTokens.delete(p.oauth_token);
    if (!rt.verifier || !rt.account || rt.consumerKey !== p.oauth_consumer_key || p.oauth_verifier !== rt.verifier) {
      this.stats.verifiersRefused++;
      return twitterError(401, 32, 'Invalid request token or verifier.');
    }
    const account = rt.account;
    this.accounts.set(account.id, account);
    const token = `${account.id}-${randomBytes(16).toString('hex')}`;
    const secret = randomBytes(24).toString('hex');
    this.accessTokens.set(token, { secret, consumerKey: rt.consumerKey, accountId: account.id, expires: this.now() + ACCESS_TOKEN_TTL_MS });
    this.stats.tokensIssued++;
    return form(200, { oauth_token: token, oauth_token_secret: secret, user_id: account.id, screen_name: account.screenName });
  }

  private verifyCredentials(req: ProviderRequest): ProviderResponse {
    const live = (t: string | undefined) => {
      const at = t ? this.accessTokens.get(t) : undefined;
      return at && at.expires > this.now() ? at : undefined;
    };
    const signed = this.signed(req, (t) => live(t)?.secret);
    if (signed.refused) return signed.refused;
    const p = signed.params;
    const at = live(p.oauth_token)!;
    if (at.consumerKey !== p.oauth_consumer_key) return invalidToken();
    const account = this.accounts.get(at.accountId)!;
    this.stats.profilesServed++;
    const https = req.origin.startsWith('https://');
    const avatar = `${req.origin}/profile_images/${account.id}_normal.svg`;
    return json(200, {
      id: Number(account.id),
      id_str: account.id,
      name: account.name,
      screen_name: account.screenName,
      location: '',
      description: 'A reader in the sandbox, not on the real Twitter.',
      url: null,
      protected: false,
      verified: false,
      created_at: new Date(0).toUTCString(),
      // Served by this sandbox; the https field stays null when the sandbox itself is reached over http.
      profile_image_url: avatar,
      profile_image_url_https: https ? avatar : null,
      default_profile_image: true,
      ...(p.include_email === 'true' ? { email: null } : {}),
    });
  }

  private sweep(): void {
    const now = this.now();
    if (this.nonces.size > SWEEP_ABOVE) for (const [k, t] of this.nonces) if (t < now - 2 * TIMESTAMP_WINDOW_S * 1000) this.nonces.delete(k);
    if (this.requestTokens.size > SWEEP_ABOVE) for (const [k, t] of this.requestTokens) if (t.expires <= now) this.requestTokens.delete(k);
    if (this.accessTokens.size > SWEEP_ABOVE) for (const [k, t] of this.accessTokens) if (t.expires <= now) this.accessTokens.delete(k);
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
