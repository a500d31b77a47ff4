import { consent } from './fakes/consent';
import { TestApp, startTestApp, truncateAll } from './helpers/app';
import { freePort } from './helpers/free-port';
import { sessionCookie } from './helpers/login';

/**
 * What a newcomer does on a fresh clone: no credentials, AUTH_SANDBOX on; the
 * server itself plays Twitter and Facebook, and the real strategies talk to it
 * over HTTP as they would to the real providers.
 */
describe('the built-in sandbox providers', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    t = await startTestApp({ AUTH_SANDBOX: 'true', PUBLIC_URL: base });
    await t.app.listen({ port, host: '127.0.0.1' });
  });
  afterAll(() => t.close());
  beforeEach(() => truncateAll(t.dataSource));

  async function browserLogin(provider: 'twitter' | 'facebook', handle: string, name: string): Promise<{ cookie: string; landed: string }> {
    const start = await fetch(`${base}/auth/${provider}?returnTo=/`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const cookie = sessionCookie(start.headers.getSetCookie())!;
    const authorize = start.headers.get('location')!;
    expect(authorize.startsWith(`${base}/sandbox/${provider}/`)).toBe(true);
    const page = await fetch(authorize);
    expect(await page.text()).toContain(`Sandbox ${provider === 'twitter' ? 'Twitter' : 'Facebook'}`);
    const callback = await consent(authorize, { action: 'allow', screenName: handle, name });
    const back = await fetch(callback, { headers: { cookie }, redirect: 'manual' });
    expect(back.status).toBe(302);
    return { cookie: sessionCookie(back.headers.getSetCookie())!, landed: back.headers.get('location')! };
  }

  it('lists both providers with no credentials configured', async () => {
    const res = await fetch(`${base}/auth/providers`);
    expect(((await res.json()) as { providers: { id: string }[] }).providers.map((p: { id: string }) => p.id)).toEqual(['twitter', 'facebook']);
  });

  it.each(['twitter', 'facebook'] as const)('%s: click, consent, come back logged in, see yourself at /auth/me', async (provider) => {
    const { cookie, landed } = await browserLogin(provider, 'newcomer', '새 독자');
    expect(landed).toBe('/');
    const me = await fetch(`${base}/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: unknown }).user).toMatchObject({ displayName: '새 독자', providers: [provider] });
  });

  it('serves the demo article, which embeds the widget with the newsroom’s two tags (the widget draws the login texts)', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('<div data-newsroom-comments data-article-id="demo-2000-11-25-it-accord"');
    expect(html).toContain('<script src="/widget.js" async></script>');
  });
});

describe('AUTH_SANDBOX in production', () => {
  it('is refused by the configuration', async () => {
    await expect(startTestApp({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), AUTH_SANDBOX: 'true' })).rejects.toThrow(
      'AUTH_SANDBOX: is refused when NODE_ENV=production',
    );
  });
});
