import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { HANDLE, consentPage, stableAccountId } from './consent-page';
import { Provider, ProviderRequest, ProviderResponse, html, json, redirect } from './provider-http';

export interface FacebookSandboxOptions {
  apps: { id: string; secret: string }[];
  graphVersion: string;
  /** Refuse Graph calls without a valid appsecret_proof, as an app with "Require App Secret" does. Default true. */
  requireProof?: boolean;
  now?: () => number;
}

interface Account {
  id: string;
  name: string;
}

const CODE_TTL_MS = 10 * 60 * 1000;
const oauthError = (status: number, message: string, code = 100) => json(status, { error: { message, type: 'OAuthException', code } });

/**
 * Facebook Login (OAuth 2.0 authorization code) and the bit of the Graph API a
 * login needs: the dialog, the code exchange (client secret, identical
 * redirect_uri, single-use codes) and /me with appsecret_proof.
 */
export class FacebookSandbox implements Provider {
  readonly stats = { codesIssued: 0, codesExchanged: 0, codesRefused: 0, proofsChecked: 0, proofsRefused: 0, secretsRefused: 0 };
  private readonly apps: Map<string, string>;
  private readonly codes = new Map<string, { appId: string; redirectUri: string; account: Account; expires: number; used: boolean }>();
  private readonly tokens = new Map<string, { appId: string; account: Account }>();
  private readonly requireProof: boolean;
  private readonly now: () => number;

  constructor(private readonly options: FacebookSandboxOptions) {
    this.apps = new Map(options.apps.map((a) => [a.id, a.secret]));
    this.requireProof = options.requireProof ?? true;
    this.now = options.now ?? Date.now;
  }

  handle(req: ProviderRequest): ProviderResponse {
    const m = /^\/(v\d+\.\d+)(\/.*)$/.exec(req.path);
    if (!m) return oauthError(400, 'Unknown path components: ' + req.path, 2500);
    if (m[1] !== this.options.graphVersion) return oauthError(400, `Unsupported API version: ${m[1]}`, 2635);
    const route = `${req.method} ${m[2]}`;
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
      default:
        return oauthError(404, 'Unknown path components: ' + m[2], 2500);
    }
  }

  private dialog(req: ProviderRequest): ProviderResponse {
    const q = req.query;
    if (!this.apps.has(q.client_id ?? '')) return oauthError(400, 'Invalid App ID', 101);
    if (!q.redirect_uri || !/^https?:\/\//.test(q.redirect_uri)) return oauthError(400, 'redirect_uri is not a valid URL', 191);
    if ((q.response_type ?? 'code') !== 'code') return oauthError(400, 'Unsupported response_type');
    return html(consentPage('Facebook', req.origin + req.path, { client_id: q.client_id, redirect_uri: q.redirect_uri, state: q.state ?? '' }));
  }

  private consent(req: ProviderRequest): ProviderResponse {
    const f = req.form;
    if (!this.apps.has(f.client_id ?? '') || !f.redirect_uri) return oauthError(400, 'Invalid App ID', 101);
    const back = new URL(f.redirect_uri);
    if (f.state) back.searchParams.set('state', f.state);
    if (f.action !== 'allow') {
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_code', '200');
      back.searchParams.set('error_description', 'Permissions error');
      back.searchParams.set('error_reason', 'user_denied');
      return redirect(back.toString());
    }
    const handle = (f.screen_name ?? '').trim();
    if (!HANDLE.test(handle)) return oauthError(400, 'The handle must be 1 to 40 of A-Z a-z 0-9 _ . -');
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, {
      appId: f.client_id,
      redirectUri: f.redirect_uri,
      account: { id: stableAccountId(`facebook:${handle}`), name: (f.name ?? '').trim().slice(0, 60) || handle },
      expires: this.now() + CODE_TTL_MS,
      used: false,
    });
    this.stats.codesIssued++;
    back.searchParams.set('code', code);
    return redirect(back.toString());
  }

  private exchange(p: Record<string, string>): ProviderResponse {
    const secret = this.apps.get(p.client_id ?? '');
    if (!secret || !sameString(p.client_secret ?? '', secret)) {
      this.stats.secretsRefused++;
      return oauthError(400, 'Error validating client secret.', 1);
    }
    const grant = this.codes.get(p.code ?? '');
    if (!grant || grant.expires < this.now() || grant.appId !== p.client_id) {
      this.stats.codesRefused++;
      return oauthError(400, 'Invalid verification code format.');
    }
    if (grant.used) {
      this.stats.codesRefused++;
      return oauthError(400, 'This authorization code has been used.');
    }
    if (grant.redirectUri !== p.redirect_uri) {
      this.stats.codesRefused++;
      return oauthError(400, 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request');
    }
    grant.used = true;
    const token = 'EAA' + randomBytes(32).toString('base64url');
    this.tokens.set(token, { appId: grant.appId, account: grant.account });
    this.stats.codesExchanged++;
    return json(200, { access_token: token, token_type: 'bearer', expires_in: 5183944 });
  }

  private me(req: ProviderRequest): ProviderResponse {
    const bearer = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const accessToken = bearer ?? req.query.access_token ?? '';
    const grant = this.tokens.get(accessToken);
    if (!grant) return oauthError(400, 'Invalid OAuth access token.', 190);
    if (this.requireProof || req.query.appsecret_proof !== undefined) {
      this.stats.proofsChecked++;
      const expected = createHmac('sha256', this.apps.get(grant.appId)!).update(accessToken).digest('hex');
      if (!sameString(req.query.appsecret_proof ?? '', expected)) {
        this.stats.proofsRefused++;
        return oauthError(400, 'Invalid appsecret_proof provided in the API argument');
      }
    }
    const fields = (req.query.fields ?? 'id,name').split(',').map((f) => f.trim().split('.')[0]);
    const all: Record<string, unknown> = {
      id: grant.account.id,
      name: grant.account.name,
      first_name: grant.account.name.split(' ')[0],
      last_name: grant.account.name.split(' ').slice(1).join(' ') || undefined,
      link: `https://www.facebook.com/app_scoped_user_id/${grant.account.id}/`,
      picture: { data: { url: `https://graph.facebook.com/${grant.account.id}/picture?type=large`, is_silhouette: true } },
    };
    const body: Record<string, unknown> = { id: grant.account.id };
    for (const f of fields) if (all[f] !== undefined) body[f] = all[f];
    return json(200, body);
  }
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
