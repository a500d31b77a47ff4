import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A newsroom's own server, on another site than the comment service. */
export interface NewsSite {
  /** http://127.0.0.1:PORT */
  origin: string;
  /** The article page that embeds the widget. */
  articleUrl(articleId: string, lang?: 'ko' | 'en'): string;
  close(): Promise<void>;
}

/** Where the news site's pages find the comment service. */
export type ServiceLocation =
  /** Another origin (a subdomain or another site): the widget comes from there. */
  | { origin: string }
  /** Behind a path of the news site itself (news.example.com/comments/ → the service), forwarded by the news site's server. */
  | { path: string; forwardTo: string };

/**
 * Serves article pages that embed the widget with the two tags of
 * docs/embedding.md, under the strict Content-Security-Policy that page
 * advises (scripts and connections to the comment service, no inline script or
 * style), with a stylesheet that would spoil any widget whose styles were not
 * isolated. Behind a path, it forwards that path to the service as a reverse
 * proxy would (the prefix removed, answers and event streams passed through).
 */
export async function startNewsSite(service: ServiceLocation | string): Promise<NewsSite> {
  const where: ServiceLocation = typeof service === 'string' ? { origin: service } : service;
  // Behind a path the service is the page's own origin: 'self' covers it.
  const other = 'origin' in where ? ` ${where.origin}` : '';
  const csp = [
    "default-src 'self'",
    `script-src 'self'${other}`,
    `connect-src 'self'${other}`,
    `img-src 'self'${other} https: data:`,
    "style-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const widgetSrc = 'origin' in where ? `${where.origin}/widget.js` : `${where.path}/widget.js`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://news.test');
    if ('path' in where && (url.pathname === where.path || url.pathname.startsWith(`${where.path}/`))) {
      forward(req, res, new URL(url.pathname.slice(where.path.length) + url.search, where.forwardTo));
      return;
    }
    if (url.pathname === '/site.css') {
      res.writeHead(200, { 'content-type': 'text/css' });
      // Page-wide rules of the kind news sites have: none of them may reach inside the widget.
      res.end('body{font-family:serif;color:rgb(0,100,0)} button{background:rgb(255,0,0)!important;color:rgb(255,255,0)} p{letter-spacing:3px} textarea{display:none}');
      return;
    }
    if (url.pathname === '/plain.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>plain</title><p>A page of the news site without a CSP.</p>');
      return;
    }
    const m = /^\/articles\/([A-Za-z0-9_.:-]+)\.html$/.exec(url.pathname);
    if (!m) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const lang = url.searchParams.get('lang') === 'ko' ? 'ko' : 'en';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
    res.end(`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Article ${m[1]}</title><link rel="stylesheet" href="/site.css"></head>
<body><main><h1>An article on the news site</h1><p>The newsroom's own text.</p><button type="button" id="page-button">The page's own button</button>
<div data-newsroom-comments data-article-id="${m[1]}" data-lang="${lang}"></div>
<script src="${widgetSrc}" async></script></main></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    articleUrl: (articleId, lang = 'en') => `${origin}/articles/${articleId}.html${lang === 'ko' ? '?lang=ko' : ''}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Browsers keep connections open; close() alone would wait for them.
        server.closeAllConnections();
      }),
  };
}

/** A reverse proxy's one job: the request as it came (method, headers, body), the answer as it comes, streamed. */
function forward(req: http.IncomingMessage, res: http.ServerResponse, target: URL): void {
  const upstream = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.headersSent || res.writeHead(502).end());
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
}

/**
 * A third-party cookie probe: /set sets a SameSite=None; Secure cookie for
 * `localhost` (the comment service's host: cookies ignore ports) when visited
 * first-party; / answers, to a cross-site fetch from `newsOrigin` with
 * credentials, the cookies it received. Where third-party cookies are
 * blocked, it receives none.
 */
export async function startCookieProbe(newsOrigin: string): Promise<{ setUrl: string; readUrl: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/set') {
      res.writeHead(200, { 'set-cookie': 'third_party_probe=1; SameSite=None; Secure; Path=/', 'content-type': 'text/plain' }).end('set');
      return;
    }
    res.writeHead(200, { 'access-control-allow-origin': newsOrigin, 'access-control-allow-credentials': 'true', 'content-type': 'application/json' });
    res.end(JSON.stringify({ cookie: req.headers.cookie ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { setUrl: `http://localhost:${port}/set`, readUrl: `http://localhost:${port}/`, close: () => new Promise((resolve) => (server.close(() => resolve()), server.closeAllConnections())) };
}
