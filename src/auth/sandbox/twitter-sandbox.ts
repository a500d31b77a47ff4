import { randomBytes } from 'node:crypto';
import { HANDLE, consentPage, stableAccountId } from './consent-page';
import { parseAuthorizationHeader, signatureBaseString, verifyHmacSha1 } from './oauth1-signature';
import { Provider, ProviderRequest, ProviderResponse, form, html, json, redirect } from './provider-http';

interface RequestToken {
  secret: string;
  consumerKey: string;
  callback: string;
  verifier?: string;
  account?: { id: string; screenName: string; name: string };
  expires: number;
}

interface AccessToken {
  secret: string;
  consumerKey: string;
  account: { id: string; screenName: string; name: string };
}

export interface TwitterSandboxOptions {
  consumers: { key: string; secret: string }[];
  now?: () => number;
}

const TOKEN_TTL_MS = 10 * 60 * 1000;
const TIMESTAMP_WINDOW_S = 5 * 60;
const NOT_AUTHENTICATED = { errors: [{ code: 32, message: 'Could not authenticate you.' }] };

/**
 * Twitter's OAuth 1.0a as a consumer meets it: request token, authenticate,
 * access token, verify_credentials. Every request's HMAC-SHA1 signature is
 * checked (RFC 5849), nonces are single-use and timestamps must be fresh.
 */
export class TwitterSandbox implements Provider {
  readonly stats = { signaturesVerified: 0, signaturesRejected: 0, nonceReplays: 0, staleTimestamps: 0, verifiersRefused: 0, tokensIssued: 0 };
  private readonly consumers: Map<string, string>;
  private readonly requestTokens = new Map<string, RequestToken>();
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly nonces = new Map<string, number>();
  private readonly now: () => number;

  constructor(options: TwitterSandboxOptions) {
    this.consumers = new Map(options.consumers.map((c) => [c.key, c.secret]));
    this.now = options.now ?? Date.now;
  }

  handle(req: ProviderRequest): ProviderResponse {
    const route = `${req.method} ${req.path}`;
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
      default:
        return json(404, { errors: [{ code: 34, message: 'Sorry, that page does not exist.' }] });
    }
  }

  /** Checks the request's signature; returns its OAuth parameters, or null (and counts why). */
  private signed(req: ProviderRequest, tokenSecret: (token: string | undefined) => string | undefined): Record<string, string> | null {
    const header = parseAuthorizationHeader(req.headers.authorization);
    if (!header) return this.reject();
    const consumerSecret = this.consumers.get(header.oauth_consumer_key ?? '');
    if (!consumerSecret || header.oauth_signature_method !== 'HMAC-SHA1' || !header.oauth_signature) return this.reject();
    const timestamp = Number(header.oauth_timestamp);
    if (!Number.isFinite(timestamp) || Math.abs(this.now() / 1000 - timestamp) > TIMESTAMP_WINDOW_S) {
      this.stats.staleTimestamps++;
      return this.reject();
    }
    const secret = tokenSecret(header.oauth_token);
    if (secret === undefined) return this.reject();
    const params: [string, string][] = [...Object.entries(header), ...Object.entries(req.query), ...Object.entries(req.form)];
    const base = signatureBaseString(req.method, req.origin + req.path, params);
    if (!verifyHmacSha1(header.oauth_signature, base, consumerSecret, secret)) return this.reject();
    const nonceKey = `${header.oauth_consumer_key}:${header.oauth_nonce}:${header.oauth_timestamp}`;
    if (!header.oauth_nonce || this.nonces.has(nonceKey)) {
      this.stats.nonceReplays++;
      return this.reject();
    }
    this.nonces.set(nonceKey, this.now());
    this.sweep();
    this.stats.signaturesVerified++;
    return { ...req.query, ...req.form, ...header };
  }

  private reject(): null {
    this.stats.signaturesRejected++;
    return null;
  }

  private requestToken(req: ProviderRequest): ProviderResponse {
    const p = this.signed(req, (token) => (token === undefined ? '' : undefined));
    if (!p) return json(401, NOT_AUTHENTICATED);
    if (!p.oauth_callback || !/^https?:\/\//.test(p.oauth_callback)) {
      return json(403, { errors: [{ code: 417, message: 'Callback URL not approved for this client application.' }] });
    }
    const token = randomBytes(16).toString('hex');
    const secret = randomBytes(24).toString('hex');
    this.requestTokens.set(token, { secret, consumerKey: p.oauth_consumer_key, callback: p.oauth_callback, expires: this.now() + TOKEN_TTL_MS });
    return form(200, { oauth_token: token, oauth_token_secret: secret, oauth_callback_confirmed: 'true' });
  }

  private consentForm(req: ProviderRequest): ProviderResponse {
    const token = this.requestTokens.get(req.query.oauth_token ?? '');
    if (!token || token.expires < this.now()) return json(400, { errors: [{ code: 89, message: 'Invalid or expired token.' }] });
    return html(consentPage('Twitter', req.origin + req.path, { oauth_token: req.query.oauth_token }));
  }

  private consent(req: ProviderRequest): ProviderResponse {
    const tokenId = req.form.oauth_token ?? '';
    const token = this.requestTokens.get(tokenId);
    if (!token || token.expires < this.now()) return json(400, { errors: [{ code: 89, message: 'Invalid or expired token.' }] });
    const callback = new URL(token.callback);
    if (req.form.action !== 'allow') {
      this.requestTokens.delete(tokenId);
      callback.searchParams.set('denied', tokenId);
      return redirect(callback.toString());
    }
    const screenName = (req.form.screen_name ?? '').trim();
    if (!HANDLE.test(screenName)) return json(400, { errors: [{ code: 44, message: 'screen_name must be 1 to 40 of A-Z a-z 0-9 _ . -' }] });
    token.verifier = randomBytes(16).toString('hex');
    token.account = { id: stableAccountId(`twitter:${screenName}`), screenName, name: (req.form.name ?? '').trim().slice(0, 60) || screenName };
    callback.searchParams.set('oauth_token', tokenId);
    callback.searchParams.set('oauth_verifier', token.verifier);
    return redirect(callback.toString());
  }

  private accessToken(req: ProviderRequest): ProviderResponse {
    const p = this.signed(req, (t) => {
      const rt = t ? this.requestTokens.get(t) : undefined;
      return rt && rt.expires >= this.now() ? rt.secret : undefined;
    });
    if (!p) return json(401, NOT_AUTHENTICATED);
    const rt = this.requestTokens.get(p.oauth_token);
    // The verifier is single use: the request token is spent whatever happens next.
    this.requestTokens.delete(p.oauth_token);
    if (!rt || !rt.verifier || !rt.account || rt.consumerKey !== p.oauth_consumer_key || p.oauth_verifier !== rt.verifier) {
      this.stats.verifiersRefused++;
      return json(401, { errors: [{ code: 32, message: 'Invalid request token or verifier.' }] });
    }
    const token = `${rt.account.id}-${randomBytes(16).toString('hex')}`;
    const secret = randomBytes(24).toString('hex');
    this.accessTokens.set(token, { secret, consumerKey: rt.consumerKey, account: rt.account });
    this.stats.tokensIssued++;
    return form(200, { oauth_token: token, oauth_token_secret: secret, user_id: rt.account.id, screen_name: rt.account.screenName });
  }

  private verifyCredentials(req: ProviderRequest): ProviderResponse {
    const p = this.signed(req, (t) => (t ? this.accessTokens.get(t)?.secret : undefined));
    if (!p) return json(401, NOT_AUTHENTICATED);
    const { account } = this.accessTokens.get(p.oauth_token)!;
    return json(200, {
      id: Number(account.id),
      id_str: account.id,
      screen_name: account.screenName,
      name: account.name,
      url: null,
      profile_image_url_https: `https://pbs.twimg.com/profile_images/sandbox/${account.id}_normal.png`,
      verified: false,
      created_at: 'Sat Nov 28 00:00:00 +0000 2026',
    });
  }

  private sweep(): void {
    const cutoff = this.now() - 2 * TIMESTAMP_WINDOW_S * 1000;
    if (this.nonces.size > 5000) for (const [k, t] of this.nonces) if (t < cutoff) this.nonces.delete(k);
    if (this.requestTokens.size > 5000) for (const [k, t] of this.requestTokens) if (t.expires < this.now()) this.requestTokens.delete(k);
  }
}
