import * as http from 'node:http';

/**
 * A request as a provider emulator sees it, whatever server carries it
 * (a thin Fastify route in the app's sandbox mode, node:http in tests).
 */
export interface ProviderRequest {
  method: string;
  /** Relative to the provider's mount, e.g. "/oauth/request_token"; no query. */
  path: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  /** The decoded application/x-www-form-urlencoded body, {} if none. */
  form: Record<string, string>;
  /**
   * The body exactly as received. When given with an x-www-form-urlencoded
   * content type, OAuth 1.0a signatures are checked against it rather than
   * `form`, so repeated names (`a=1&a=2`) count as the RFC says.
   */
  rawBody?: string;
  /** The query string exactly as received, without "?"; used like `rawBody` when given. */
  rawQuery?: string;
  /**
   * scheme://host[:port] + mount prefix as the client reached it, e.g.
   * "http://127.0.0.1:41234" or "http://localhost:3000/sandbox/twitter".
   * OAuth 1.0a signs the full URL, so this must be what the client signed.
   */
  origin: string;
}

export interface ProviderResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Provider {
  handle(req: ProviderRequest): ProviderResponse | Promise<ProviderResponse>;
}

/** What an emulator checked, for tests that assert on it (`onEvent`). */
export interface SandboxEvent {
  provider: 'twitter' | 'facebook';
  /** e.g. "request_token", "consent", "access_token", "verify_credentials", "dialog", "code_exchange", "me". */
  step: string;
  ok: boolean;
  /** Why it was refused (e.g. "bad_signature", "nonce_reused", "code_used"), or what happened ("allowed", "denied"). */
  reason?: string;
  /** The provider user id, when one is known. */
  userId?: string;
}

export type SandboxEventHook = (event: SandboxEvent) => void;

const NO_STORE = { 'cache-control': 'no-store' };

export const json = (status: number, body: unknown): ProviderResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...NO_STORE },
  body: JSON.stringify(body),
});

export const form = (status: number, body: Record<string, string>): ProviderResponse => ({
  status,
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...NO_STORE },
  body: new URLSearchParams(body).toString(),
});

/**
 * An HTML page with a strict CSP. `formTargets` are the origins a form on it
 * may end up at: browsers apply form-action to the redirect that follows the
 * POST too, so the consent page must allow the app's callback origin.
 */
export const html = (body: string, status = 200, formTargets: string[] = []): ProviderResponse => ({
  status,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    ...NO_STORE,
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action ${["'self'", ...formTargets.filter((o) => /^https?:\/\/[^\s;,']+$/.test(o))].join(' ')}; frame-ancestors 'none'; base-uri 'none'`,
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
  },
  body,
});

export const svg = (body: string): ProviderResponse => ({
  status: 200,
  headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=3600', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" },
  body,
});

export const redirect = (location: string): ProviderResponse => ({ status: 302, headers: { location, ...NO_STORE }, body: '' });

/** True when the request carries an application/x-www-form-urlencoded body. */
export function isFormContentType(contentType: string | undefined): boolean {
  return /^\s*application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType ?? '');
}

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Serves one provider alone over node:http (tests: the fake Twitter and
 * Facebook on 127.0.0.1). `origin` is rebuilt from the Host header the client
 * sent, so a client that signed "http://localhost:PORT/…" is checked against
 * exactly that.
 */
export async function startProviderServer(
  provider: Provider,
  options: { host?: string; port?: number } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  let listening = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      void (async () => {
        if (tooLarge) {
          res.writeHead(413, { 'content-type': 'text/plain' }).end('payload too large');
          return;
        }
        try {
          const hostHeader = req.headers.host;
          const origin = hostHeader && /^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(hostHeader) ? `http://${hostHeader}` : listening;
          const target = req.url ?? '/';
          const q = target.indexOf('?');
          const rawQuery = q >= 0 ? target.slice(q + 1) : '';
          const path = new URL(q >= 0 ? target.slice(0, q) : target, 'http://x').pathname;
          const rawBody = Buffer.concat(chunks).toString('utf8');
          const headers: Record<string, string | undefined> = {};
          for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          const answer = await provider.handle({
            method: (req.method ?? 'GET').toUpperCase(),
            path,
            query: Object.fromEntries(new URLSearchParams(rawQuery)),
            headers,
            form: isFormContentType(headers['content-type']) && rawBody ? Object.fromEntries(new URLSearchParams(rawBody)) : {},
            rawBody,
            rawQuery,
            origin,
          });
          res.writeHead(answer.status, answer.headers).end(req.method === 'HEAD' ? undefined : answer.body);
        } catch (error) {
          res.writeHead(500, { 'content-type': 'text/plain' }).end(`sandbox provider error: ${(error as Error).message}`);
        }
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address() as { port: number };
  listening = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  return {
    url: listening,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
