import * as http from 'node:http';

/** A request as a provider emulator sees it, whatever server carries it (Fastify in the app, node:http in tests). */
export interface ProviderRequest {
  method: string;
  /** Relative to the provider's mount, e.g. "/oauth/request_token". */
  path: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  /** The decoded application/x-www-form-urlencoded body, {} if none. */
  form: Record<string, string>;
  /** scheme://host[:port] + mount prefix as the client reached it: OAuth 1.0a signs the full URL. */
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

export const json = (status: number, body: unknown): ProviderResponse => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  body: JSON.stringify(body),
});

export const form = (status: number, body: Record<string, string>): ProviderResponse => ({
  status,
  headers: { 'content-type': 'application/x-www-form-urlencoded', 'cache-control': 'no-store' },
  body: new URLSearchParams(body).toString(),
});

export const html = (body: string): ProviderResponse => ({
  status: 200,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
  },
  body,
});

export const redirect = (location: string): ProviderResponse => ({ status: 302, headers: { location, 'cache-control': 'no-store' }, body: '' });

/** Serves a provider alone on 127.0.0.1 (for tests: the fake Twitter and Facebook). */
export async function startProviderServer(provider: Provider, options: { host?: string; port?: number } = {}): Promise<{ url: string; close(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  let origin = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        const url = new URL(req.url ?? '/', origin);
        const raw = Buffer.concat(chunks).toString('utf8');
        const isForm = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
        const headers: Record<string, string | undefined> = {};
        for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
        const answer = await provider.handle({
          method: req.method ?? 'GET',
          path: url.pathname,
          query: Object.fromEntries(url.searchParams),
          headers,
          form: isForm && raw ? Object.fromEntries(new URLSearchParams(raw)) : {},
          origin,
        });
        res.writeHead(answer.status, answer.headers).end(answer.body);
      } catch (error) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String((error as Error).message));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  origin = `http://${host}:${(server.address() as { port: number }).port}`;
  return {
    url: origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
