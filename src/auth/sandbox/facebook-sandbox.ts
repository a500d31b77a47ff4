import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { HANDLE, avatarSvg, cleanName, consentPage, errorPage, stableAccountId } from './consent-page';
import { Provider, ProviderRequest, ProviderResponse, html, json, redirect, svg } from './provider-http';

export interface FacebookSandboxOptions {
  apps: { id: string; secret: string }[];
  /** The one Graph API version served, e.g. "v23.0"; any other version prefix is refused. */
  graphVersion: string;
  /** Refuse Graph calls without a valid appsecret_proof, as an app with "Require App Secret" does. Default true. */
  requireProof?: boolean;
  /** Milliseconds since the epoch; tests move it to show expiry. */
  now?: () => number;
}

interface Account {
  id: string;
  name: string;
}

interface Grant {
  appId: string;
  redirectUri: string;
  /** The profile the person gave at the dialog; it becomes the account's profile when the code is exchanged. */
  account: Account;
  expires: number;
  used: boolean;
}

const CODE_TTL_MS = 10 * 60 * 1000;
const TOKEN_TTL_S = 60 * 24 * 60 * 60;
const SWEEP_ABOVE = 1000;

const oauthError = (status: number, message: string, code = 100, extra: Record<string, unknown> = {}) =>
  json(status, { error: { message, type: 'OAuthException', code, ...extra, fbtrace_id: 'sandbox' } });

/**
 * Facebook Login (OAuth 2.0 authorization code) and the part of the Graph API
 * a login needs, at one base URL: the dialog, the code exchange (client
 * secret, redirect_uri identical to the dialog's, single-use codes) and /me
 * with appsecret_proof.
 */
export class FacebookSandbox implements Provider {
  /** What the fake checked, for tests to assert on. */
  readonly stats = {
    dialogsShown: 0,
    consentsDenied: 0,
    codesIssued: 0,
    codesExchanged: 0,
    codesRefused: 0,
    secretsRefused: 0,
    tokensRefused: 0,
    proofsChecked: 0,
    proofsRefused: 0,
    profilesServed: 0,
  };
  private readonly apps: Map<string, string>;
  private readonly codes = new Map<string, Grant>();
  private readonly tokens = new Map<string, { appId: string; accountId: string; expires: number }>();
  private readonly accounts = new Map<string, Account>();
  private readonly requireProof: boolean;
  private readonly now: () => number;
  private readonly version: string;

  constructor(options: FacebookSandboxOptions) {
    if (!/^v\d+\.\d+$/.test(options.graphVersion)) throw new Error(`graphVersion must look like "v23.0", not ${JSON.stringify(options.graphVersion)}`);
    this.apps = new Map(options.apps.map((a) => [a.id, a.secret]));
    this.version = options.graphVersion;
    this.requireProof = options.requireProof ?? true;
    this.now = options.now ?? Date.now;
  }

  handle(req: ProviderRequest): ProviderResponse {
    this.sweep();
    const profile = /^\/app_scoped_user_id\/(\d{1,20})\/?$/.exec(req.path);
    if (profile && req.method.toUpperCase() === 'GET') return this.profilePage(profile[1]);
    const m = /^\/(v\d+\.\d+)(\/.*)$/.exec(req.path);
    // Graph answers a version it does not know (or none it can route) with "Unknown path components".
    if (!m || m[1] !== this.version) return oauthError(400, `Unknown path components: ${req.path}`, 2500);
    const route = `${req.method.toUpperCase()} ${m[2]}`;
    switch (route) {
      case 'GET /dialog/oauth':
        return this.dialog(req);
      case 'POST /dialog/oauth':
        return this.consent(req);
      case 'GET /oauth/access_token':
      case 'POST /oauth/access_token':
        return this.exchange({ ...req.query, ...req.form });
      case 'GET /me':
        return this.me(req);
    }
    const picture = /^GET \/(\d{1,20})\/picture$/.exec(route);
    if (picture) {
      const account = this.accounts.get(picture[1]);
      if (account) return svg(avatarSvg(account.id, account.name));
    }
    return oauthError(400, `Unknown path components: ${m[2]}`, 2500);
  }

  private dialog(req: ProviderRequest): ProviderResponse {
    const q = req.query;
    const problem = this.dialogProblem(q.client_id, q.redirect_uri);
    if (problem) return html(errorPage('Facebook', problem), 400);
    if ((q.response_type ?? 'code') !== 'code') return html(errorPage('Facebook', 'Only response_type=code is supported.'), 400);
    this.stats.dialogsShown++;
    const hidden = { client_id: q.client_id, redirect_uri: q.redirect_uri, state: q.state ?? '', scope: q.scope ?? '' };
    return html(consentPage('Facebook', req.origin + req.path, hidden, { app: q.client_id, returnsTo: q.redirect_uri }));
  }

  private dialogProblem(clientId: string | undefined, redirectUri: string | undefined): string | null {
    if (!this.apps.has(clientId ?? '')) return 'Invalid App ID: the app is not known to this sandbox.';
    if (!redirectUri || !isHttpUrl(redirectUri)) return 'URL blocked: redirect_uri is missing or is not an http(s) URL.';
    return null;
  }

  private consent(req: ProviderRequest): ProviderResponse {
    const f = req.form;
    const problem = this.dialogProblem(f.client_id, f.redirect_uri);
    if (problem) return html(errorPage('Facebook', problem), 400);
    const back = new URL(f.redirect_uri);
    if (f.action !== 'allow') {
      this.stats.consentsDenied++;
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_code', '200');
      back.searchParams.set('error_description', 'Permissions error');
      back.searchParams.set('error_reason', 'user_denied');
      if (f.state) back.searchParams.set('state', f.state);
      return redirect(back.toString());
    }
    const handle = (f.screen_name ?? '').trim().replace(/^@/, '');
    if (!HANDLE.test(handle)) return html(errorPage('Facebook', 'A handle is 1 to 40 letters, digits, _ . or -. Go back and try again.'), 400);
    const account: Account = { id: stableAccountId(`facebook:${handle}`), name: cleanName(f.name) || handle };
    const code = 'AQ' + randomBytes(32).toString('base64url');
    this.codes.set(code, { appId: f.client_id, redirectUri: f.redirect_uri, account, expires: this.now() + CODE_TTL_MS, used: false });
    this.stats.codesIssued++;
    back.searchParams.set('code', code);
    if (f.state) back.searchParams.set('state', f.state);
    return redirect(back.toString());
  }

  private exchange(p: Record<string, string>): ProviderResponse {
    const secret = this.apps.get(p.client_id ?? '');
    if (secret === undefined || !sameString(p.client_secret ?? '', secret)) {
      this.stats.secretsRefused++;
      return oauthError(400, 'Error validating client secret.', 1);
    }
    const grant = this.codes.get(p.code ?? '');
    if (!grant || grant.appId !== p.client_id) {
      this.stats.codesRefused++;
      return oauthError(400, 'Invalid verification code format.');
    }
    if (grant.used) {
      this.stats.codesRefused++;
      return oauthError(400, 'This authorization code has been used.');
    }
    if (grant.expires <= this.now()) {
      this.stats.codesRefused++;
      return oauthError(400, 'This authorization code has expired.');
    }
    if (grant.redirectUri !== p.redirect_uri) {
      this.stats.codesRefused++;
      return oauthError(400, 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request', 100, {
        error_subcode: 36008,
      });
    }
    grant.used = true;
    this.accounts.set(grant.account.id, grant.account);
    const token = 'EAA' + randomBytes(32).toString('base64url');
    this.tokens.set(token, { appId: grant.appId, accountId: grant.account.id, expires: this.now() + TOKEN_TTL_S * 1000 });
    this.stats.codesExchanged++;
    return json(200, { access_token: token, token_type: 'bearer', expires_in: TOKEN_TTL_S });
  }

  private me(req: ProviderRequest): ProviderResponse {
    // node-oauth (passport-facebook) sends the token as ?access_token=; Graph also takes the header.
    const fromHeader = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    const accessToken = fromHeader ?? req.query.access_token ?? '';
    const grant = this.tokens.get(accessToken);
    if (!grant || grant.expires <= this.now()) {
      this.stats.tokensRefused++;
      return accessToken
        ? oauthError(400, 'Invalid OAuth access token - Cannot parse access token', 190)
        : oauthError(400, 'An active access token must be used to query information about the current user.', 2500);
    }
    if (this.requireProof || req.query.appsecret_proof !== undefined) {
      this.stats.proofsChecked++;
      const expected = createHmac('sha256', this.apps.get(grant.appId)!).update(accessToken).digest('hex');
      if (req.query.appsecret_proof === undefined) {
        this.stats.proofsRefused++;
        return oauthError(400, 'API calls from the server require an appsecret_proof argument');
      }
      if (!sameString(req.query.appsecret_proof.toLowerCase(), expected)) {
        this.stats.proofsRefused++;
        return oauthError(400, 'Invalid appsecret_proof provided in the API argument');
      }
    }
    const account = this.accounts.get(grant.accountId)!;
    this.stats.profilesServed++;
    const words = account.name.split(/\s+/);
    const all: Record<string, unknown> = {
      id: account.id,
      name: account.name,
      first_name: words[0],
      last_name: words.length > 1 ? words.slice(1).join(' ') : undefined,
      short_name: words[0],
      link: `${req.origin}/app_scoped_user_id/${account.id}/`,
      picture: { data: { height: 96, width: 96, is_silhouette: false, url: `${req.origin}/${this.version}/${account.id}/picture` } },
    };
    // Graph returns only the asked fields (id always); "picture.type(large)" and "picture{url}" ask for picture.
    const asked = (req.query.fields ?? 'id,name').split(',').map((f) => f.trim().split(/[.{]/)[0]);
    const body: Record<string, unknown> = { id: account.id };
    for (const f of asked) if (all[f] !== undefined) body[f] = all[f];
    return json(200, body);
  }

  private profilePage(id: string): ProviderResponse {
    const account = this.accounts.get(id);
    if (!account) return html(errorPage('Facebook', 'This sandbox account has not signed in yet.'), 404);
    return html(errorPage('Facebook', `${account.name}: a reader in the sandbox, not on the real Facebook.`));
  }

  private sweep(): void {
    const now = this.now();
    if (this.codes.size > SWEEP_ABOVE) {
      for (const [k, g] of this.codes) {
        if (g.expires <= now) this.codes.delete(k);
      }
    }
    if (this.tokens.size > SWEEP_ABOVE) for (const [k, t] of this.tokens) if (t.expires <= now) this.tokens.delete(k);
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

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
