import { createHmac, randomBytes } from 'node:crypto';
import { HANDLE, avatarSvg, consentPage, displayName, errorPage, escapeHtml, stableAccountId } from './consent-page';
import { constantTimeEqual } from './oauth1-signature';
import { Provider, ProviderRequest, ProviderResponse, SandboxEventHook, html, json, redirect, svg } from './provider-http';

export interface FacebookSandboxOptions {
  /** `redirectUris`, when given, is the app's "Valid OAuth Redirect URIs" (exact match, as with Facebook's strict mode). */
  apps: { id: string; secret: string; redirectUris?: string[] }[];
  /** The Graph API version served, e.g. "v23.0"; any other version prefix answers 400. */
  graphVersion: string;
  /** Refuse Graph calls without a valid appsecret_proof, as an app with "Require App Secret" does. Default true. */
  requireProof?: boolean;
  /** Milliseconds since the epoch. Default Date.now. */
  now?: () => number;
  onEvent?: SandboxEventHook;
  /** Authorization code lifetime. Default 10 minutes (Facebook's). */
  codeTtlMs?: number;
  /** Access token lifetime, also answered as `expires_in`. Default 60 days. */
  accessTokenTtlMs?: number;
}

export interface FacebookSandboxStats {
  consentsAllowed: number;
  consentsDenied: number;
  codesIssued: number;
  codesExchanged: number;
  /** Code exchanges refused: unknown, expired, replayed, another app's, or redirect_uri not identical. */
  codesRefused: number;
  /** Code exchanges refused for an unknown app or a wrong client_secret. */
  secretsRefused: number;
  /** Graph calls whose appsecret_proof was checked (required, or sent anyway). */
  proofsChecked: number;
  /** Graph calls refused for a missing or wrong appsecret_proof. */
  proofsRefused: number;
  /** Graph calls refused for a missing, unknown, revoked or expired access token. */
  tokensRefused: number;
  profilesServed: number;
}

interface Account {
  id: string;
  handle: string;
  name: string;
}

interface Grant {
  appId: string;
  redirectUri: string;
  scope: string[];
  account: Account;
  expires: number;
  used: boolean;
  /** Tokens issued from this code: revoked if the code is replayed (RFC 6749 §4.1.2). */
  tokens: string[];
}

interface Token {
  appId: string;
  account: Account;
  scope: string[];
  expires: number;
}

/** Fields a Graph User node has; asking for another is an error, as on Graph. Those without a value here are left out. */
const USER_FIELDS = new Set([
  'id', 'name', 'first_name', 'last_name', 'middle_name', 'short_name', 'name_format', 'link', 'picture', 'email',
  'gender', 'birthday', 'age_range', 'locale', 'timezone', 'location', 'hometown', 'updated_at', 'verified', 'installed',
]);

const graphError = (message: string, code: number, extra: { type?: string; error_subcode?: number } = {}) =>
  json(400, { error: { message, type: extra.type ?? 'OAuthException', code, ...(extra.error_subcode ? { error_subcode: extra.error_subcode } : {}), fbtrace_id: 'Sandbox' + randomBytes(6).toString('hex') } });

/**
 * Facebook Login (OAuth 2.0 authorization code) and the bit of the Graph API
 * a login needs, on one base (serve it as both FACEBOOK_AUTH_URL and
 * FACEBOOK_GRAPH_URL): the dialog, the code exchange (client secret,
 * identical redirect_uri, single-use codes) and /me with appsecret_proof.
 *
 * Routes, relative to the mount ({v} is `graphVersion`; a path without a
 * version is served as that version, as Graph does with an app's default):
 * GET|POST /{v}/dialog/oauth; GET|POST /{v}/oauth/access_token; GET /{v}/me;
 * GET /{id}/picture (an SVG); GET /profile/{id} (a small profile page).
 */
export class FacebookSandbox implements Provider {
  readonly stats: FacebookSandboxStats = {
    consentsAllowed: 0,
    consentsDenied: 0,
    codesIssued: 0,
    codesExchanged: 0,
    codesRefused: 0,
    secretsRefused: 0,
    proofsChecked: 0,
    proofsRefused: 0,
    tokensRefused: 0,
    profilesServed: 0,
  };
  private readonly apps: Map<string, { secret: string; redirectUris?: string[] }>;
  private readonly codes = new Map<string, Grant>();
  private readonly tokens = new Map<string, Token>();
  private readonly accounts = new Map<string, Account>();
  private readonly requireProof: boolean;
  private readonly now: () => number;
  private readonly codeTtlMs: number;
  private readonly accessTokenTtlMs: number;
  private lastSweep = 0;

  constructor(private readonly options: FacebookSandboxOptions) {
    if (!/^v\d+\.\d+$/.test(options.graphVersion)) throw new Error(`graphVersion must look like "v23.0", not ${JSON.stringify(options.graphVersion)}`);
    this.apps = new Map(options.apps.map((a) => [a.id, { secret: a.secret, redirectUris: a.redirectUris }]));
    this.requireProof = options.requireProof ?? true;
    this.now = options.now ?? Date.now;
    this.codeTtlMs = options.codeTtlMs ?? 10 * 60 * 1000;
    this.accessTokenTtlMs = options.accessTokenTtlMs ?? 60 * 24 * 60 * 60 * 1000;
  }

  handle(req: ProviderRequest): ProviderResponse {
    this.sweep();
    const method = req.method.toUpperCase();
    const picture = /^(?:\/v\d+\.\d+)?\/(\d+)\/picture$/.exec(req.path);
    if (method === 'GET' && picture) {
      const account = this.accounts.get(picture[1]);
      return account ? svg(avatarSvg(account.name, account.id)) : graphError('Unsupported get request.', 100, { type: 'GraphMethodException' });
    }
    const profile = /^\/profile\/(\d+)$/.exec(req.path);
    if (method === 'GET' && profile && this.accounts.has(profile[1])) {
      const account = this.accounts.get(profile[1])!;
      return html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(account.name)} — Sandbox Facebook</title></head><body style="font:16px/1.5 system-ui,sans-serif;max-width:27rem;margin:3rem auto"><h1>${escapeHtml(account.name)}</h1><p>A sandbox Facebook account (handle <code>${escapeHtml(account.handle)}</code>), not a real person's.</p></body></html>`);
    }
    // "/v23.0/me" is v23.0; "/me" is the app's default (ours). Graph answers an unknown version
    // with 400 "Unknown path components: <the rest>", code 2500.
    const versioned = /^\/(v\d+(?:\.\d+)?)(\/.*)?$/.exec(req.path);
    const rest = versioned ? (versioned[2] ?? '/') : req.path;
    if (versioned && versioned[1] !== this.options.graphVersion) {
      this.emit('version', false, 'unknown_version');
      return graphError(`Unknown path components: ${rest}`, 2500);
    }
    switch (`${method} ${rest}`) {
      case 'GET /dialog/oauth':
        return this.dialog(req, req.query);
      case 'POST /dialog/oauth':
        return this.consent(req);
      case 'GET /oauth/access_token':
      case 'POST /oauth/access_token':
        return this.exchange({ ...req.query, ...req.form });
      case 'GET /me':
        return this.me(req);
      default:
        return graphError(`Unknown path components: ${rest}`, 2500);
    }
  }

  private emit(step: string, ok: boolean, reason?: string, userId?: string): void {
    this.options.onEvent?.({ provider: 'facebook', step, ok, reason, userId });
  }

  /** What is wrong with a dialog request's app and redirect_uri, or null. */
  private dialogProblem(p: Record<string, string>): string | null {
    const app = this.apps.get(p.client_id ?? '');
    if (!app) return 'Invalid App ID: the client_id is not a sandbox app.';
    if (!isHttpUrl(p.redirect_uri)) return 'Invalid redirect_uri: it must be an absolute http(s) URL.';
    if (app.redirectUris && !app.redirectUris.includes(p.redirect_uri)) {
      return "URL blocked: this redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings.";
    }
    if ((p.response_type ?? 'code') !== 'code') return 'Unsupported response_type: this sandbox only issues authorization codes.';
    return null;
  }

  private dialog(req: ProviderRequest, p: Record<string, string>, error?: string): ProviderResponse {
    const problem = this.dialogProblem(p);
    if (problem) {
      this.emit('dialog', false, 'bad_dialog_request');
      return html(errorPage('Facebook', problem), 400);
    }
    const scope = (p.scope ?? '').trim();
    return html(
      consentPage({
        provider: 'Facebook',
        action: new URL(req.origin).pathname.replace(/\/$/, '') + req.path,
        hidden: { client_id: p.client_id, redirect_uri: p.redirect_uri, state: p.state ?? '', scope, response_type: 'code' },
        app: p.client_id,
        returnTo: new URL(p.redirect_uri).origin,
        scope: scope || undefined,
        prefill: error ? { screenName: p.screen_name, name: p.name } : undefined,
        error,
      }),
      error ? 400 : 200,
      [new URL(p.redirect_uri).origin],
    );
  }

  private consent(req: ProviderRequest): ProviderResponse {
    const f = req.form;
    const problem = this.dialogProblem(f);
    if (problem) {
      this.emit('consent', false, 'bad_dialog_request');
      return html(errorPage('Facebook', problem), 400);
    }
    const back = new URL(f.redirect_uri);
    if (f.action !== 'allow') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_code', '200');
      back.searchParams.set('error_description', 'Permissions error');
      back.searchParams.set('error_reason', 'user_denied');
      if (f.state) back.searchParams.set('state', f.state);
      this.stats.consentsDenied++;
      this.emit('consent', true, 'denied');
      return redirect(back.toString());
    }
    const handle = (f.screen_name ?? '').trim();
    if (!HANDLE.test(handle)) return this.dialog(req, f, 'A handle is 1 to 40 of A-Z a-z 0-9 _ . -');
    const account: Account = { id: stableAccountId('facebook', handle, 17), handle, name: displayName(f.name, handle) };
    this.accounts.set(account.id, account);
    const code = 'AQ' + randomBytes(32).toString('base64url');
    this.codes.set(code, {
      appId: f.client_id,
      redirectUri: f.redirect_uri,
      scope: (f.scope ?? '').split(/[\s,]+/).filter(Boolean),
      account,
      expires: this.now() + this.codeTtlMs,
      used: false,
      tokens: [],
    });
    this.stats.consentsAllowed++;
    this.stats.codesIssued++;
    this.emit('consent', true, 'allowed', account.id);
    back.searchParams.set('code', code);
    if (f.state) back.searchParams.set('state', f.state);
    return redirect(back.toString());
  }

  private refuseCode(reason: string, message: string, subcode?: number): ProviderResponse {
    this.stats.codesRefused++;
    this.emit('code_exchange', false, reason);
    return graphError(message, 100, { error_subcode: subcode });
  }

  private exchange(p: Record<string, string>): ProviderResponse {
    const app = this.apps.get(p.client_id ?? '');
    if (!app) {
      this.stats.secretsRefused++;
      this.emit('code_exchange', false, 'unknown_app');
      return graphError('Error validating application. Invalid application ID.', 101);
    }
    if (!constantTimeEqual(p.client_secret ?? '', app.secret)) {
      this.stats.secretsRefused++;
      this.emit('code_exchange', false, 'bad_client_secret');
      return graphError('Error validating client secret.', 1);
    }
    const grant = this.codes.get(p.code ?? '');
    if (!grant || grant.appId !== p.client_id) return this.refuseCode('unknown_code', 'Invalid verification code format.');
    if (grant.used) {
      // RFC 6749 §4.1.2: a replayed code also revokes what it already bought.
      for (const t of grant.tokens) this.tokens.delete(t);
      return this.refuseCode('code_used', 'This authorization code has been used.', 36009);
    }
    if (grant.expires < this.now()) return this.refuseCode('code_expired', 'This authorization code has expired.', 36007);
    if (grant.redirectUri !== p.redirect_uri) {
      return this.refuseCode(
        'redirect_uri_mismatch',
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
        36008,
      );
    }
    grant.used = true;
    const token = 'EAA' + randomBytes(36).toString('base64url');
    grant.tokens.push(token);
    this.tokens.set(token, { appId: grant.appId, account: grant.account, scope: grant.scope, expires: this.now() + this.accessTokenTtlMs });
    this.stats.codesExchanged++;
    this.emit('code_exchange', true, 'token_issued', grant.account.id);
    return json(200, { access_token: token, token_type: 'bearer', expires_in: Math.floor(this.accessTokenTtlMs / 1000) });
  }

  private me(req: ProviderRequest): ProviderResponse {
    const header = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    const accessToken = header ?? req.query.access_token ?? '';
    if (!accessToken) return this.refuseToken('no_token', 'An active access token must be used to query information about the current user.', 2500);
    const grant = this.tokens.get(accessToken);
    if (!grant) return this.refuseToken('unknown_token', 'Invalid OAuth access token - Cannot parse access token', 190);
    if (grant.expires < this.now()) return this.refuseToken('token_expired', 'Error validating access token: Session has expired.', 190, 463);
    const proof = req.query.appsecret_proof;
    if (this.requireProof || proof !== undefined) {
      this.stats.proofsChecked++;
      const expected = createHmac('sha256', this.apps.get(grant.appId)!.secret).update(accessToken).digest('hex');
      if (proof === undefined || !constantTimeEqual(proof.toLowerCase(), expected)) {
        this.stats.proofsRefused++;
        this.emit('me', false, proof === undefined ? 'proof_missing' : 'proof_wrong');
        return graphError(proof === undefined ? 'API calls from the server require an appsecret_proof argument' : 'Invalid appsecret_proof provided in the API argument', 100, {
          type: 'GraphMethodException',
        });
      }
      this.emit('me', true, 'proof_verified', grant.account.id);
    }
    const fields = parseFields(req.query.fields ?? 'id,name');
    const unknown = fields.find((f) => !USER_FIELDS.has(f));
    if (unknown) return graphError(`(#100) Tried accessing nonexisting field (${unknown}) on node type (User)`, 100);
    const { account } = grant;
    const [first, ...others] = account.name.split(/\s+/);
    const mount = req.origin.replace(/\/$/, '');
    const all: Record<string, unknown> = {
      id: account.id,
      name: account.name,
      first_name: first,
      last_name: others.length ? others.join(' ') : undefined,
      short_name: first,
      name_format: '{first} {last}',
      link: `${mount}/profile/${account.id}`,
      picture: { data: { height: 200, width: 200, is_silhouette: false, url: `${mount}/${account.id}/picture` } },
      email: grant.scope.includes('email') ? `${account.handle.toLowerCase()}@sandbox.invalid` : undefined,
    };
    const body: Record<string, unknown> = {};
    for (const f of fields) if (all[f] !== undefined) body[f] = all[f];
    body.id = account.id; // Graph always answers the node's id.
    this.stats.profilesServed++;
    this.emit('me', true, 'profile', account.id);
    return json(200, body);
  }

  private refuseToken(reason: string, message: string, code: number, subcode?: number): ProviderResponse {
    this.stats.tokensRefused++;
    this.emit('me', false, reason);
    return graphError(message, code, { error_subcode: subcode });
  }

  /** Forgets expired codes and tokens, at most once a minute. */
  private sweep(): void {
    const now = this.now();
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    // Codes are kept one lifetime past expiry, so that a late or replayed one is still answered as such.
    for (const [k, g] of this.codes) if (g.expires + this.codeTtlMs < now) this.codes.delete(k);
    for (const [k, t] of this.tokens) if (t.expires < now) this.tokens.delete(k);
  }
}

/**
 * Top-level names of a Graph `fields` list: "id,name,picture.type(large){url}"
 * → ["id", "name", "picture"]. Modifiers and nested selections are accepted
 * and ignored.
 */
export function parseFields(fields: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of fields) {
    if (c === '{' || c === '(') depth++;
    else if (c === '}' || c === ')') depth = Math.max(0, depth - 1);
    if (c === ',' && depth === 0) {
      names.push(current);
      current = '';
    } else current += c;
  }
  names.push(current);
  return [...new Set(names.map((n) => /^\s*([A-Za-z0-9_]*)/.exec(n)![1]).filter(Boolean))];
}

function isHttpUrl(s: string | undefined): s is string {
  if (!s) return false;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
