import { FACEBOOK_TEST_APP, FACEBOOK_TEST_VERSION, TWITTER_TEST_CONSUMER, startFakeProviders } from '../../../test/fakes/fake-providers';
import { startProviderServer, type Provider, type ProviderRequest } from './provider-http';

describe('startProviderServer (the node:http adapter)', () => {
  const seen: ProviderRequest[] = [];
  let fail: Error | null = null;
  const provider: Provider = {
    async handle(req) {
      seen.push(req);
      if (fail) throw fail;
      return { status: 201, headers: { 'content-type': 'text/plain', 'x-test': 'yes' }, body: 'made' };
    },
  };
  let server: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    server = await startProviderServer(provider, { host: '127.0.0.1', port: 0 });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    seen.length = 0;
    fail = null;
  });

  it('listens on 127.0.0.1 with an ephemeral port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('hands the provider method, path, query, lower-case headers, the decoded form and the raw text', async () => {
    const res = await fetch(`${server.url}/oauth/request_token?a=1&a=2&b=x+y&c=%26`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', 'X-Custom': 'v' },
      body: 'f=1&f=2&g=h%20i+j',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-test')).toBe('yes');
    expect(await res.text()).toBe('made');
    expect(seen[0]).toMatchObject({
      method: 'POST',
      path: '/oauth/request_token',
      query: { a: '2', b: 'x y', c: '&' },
      rawQuery: 'a=1&a=2&b=x+y&c=%26',
      form: { f: '2', g: 'h i j' },
      rawBody: 'f=1&f=2&g=h%20i+j',
      origin: server.url,
    });
    expect(seen[0].headers['x-custom']).toBe('v');
  });

  it('leaves form empty for other content types', async () => {
    await fetch(`${server.url}/x`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":"b"}' });
    expect(seen[0]).toMatchObject({ form: {}, rawBody: '{"a":"b"}', query: {}, rawQuery: '' });
  });

  it('builds origin from the Host header the client used', async () => {
    await fetch(server.url.replace('127.0.0.1', 'localhost') + '/p');
    expect(seen[0].origin).toBe(server.url.replace('127.0.0.1', 'localhost'));
  });

  it('answers 413 to a body over 64 KiB without calling the provider', async () => {
    const res = await fetch(`${server.url}/big`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=' + 'x'.repeat(70 * 1024) });
    expect(res.status).toBe(413);
    expect(seen).toHaveLength(0);
  });

  it('answers 500 with the message when the provider throws, and keeps serving', async () => {
    fail = new Error('boom');
    const res = await fetch(`${server.url}/x`);
    expect(res.status).toBe(500);
    expect(await res.text()).toContain('boom');
    fail = null;
    expect((await fetch(`${server.url}/x`)).status).toBe(201);
  });

  it('closes even with a keep-alive connection open', async () => {
    const other = await startProviderServer(provider);
    await fetch(other.url + '/keep', { headers: { connection: 'keep-alive' } });
    await expect(other.close()).resolves.toBeUndefined();
  });
});

describe('startFakeProviders (test/fakes)', () => {
  it('starts a fake Twitter and a fake Facebook on 127.0.0.1 with the test credentials, and closes both', async () => {
    const fakes = await startFakeProviders();
    try {
      expect(fakes.twitter.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(fakes.facebook.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(fakes.facebook.version).toBe(FACEBOOK_TEST_VERSION);
      expect(TWITTER_TEST_CONSUMER.key).toBeTruthy();
      const tw = await fetch(`${fakes.twitter.url}/nowhere`);
      expect(await tw.json()).toEqual({ errors: [{ code: 34, message: 'Sorry, that page does not exist.' }] });
      const dialog = await fetch(
        `${fakes.facebook.url}/${fakes.facebook.version}/dialog/oauth?${new URLSearchParams({ client_id: FACEBOOK_TEST_APP.id, redirect_uri: 'http://localhost:3000/auth/facebook/callback', state: 's' })}`,
      );
      expect(dialog.status).toBe(200);
    } finally {
      await fakes.close();
    }
    await expect(fetch(`${fakes.twitter.url}/nowhere`)).rejects.toThrow();
  });
});
