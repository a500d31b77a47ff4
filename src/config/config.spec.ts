import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives the documented defaults on an empty environment', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c.port).toBe(3000);
    expect(c.publicUrl).toBe('http://localhost:3000');
    expect(c.databaseUrl).toBeNull();
    // Not ./data: that folder is tracked and holds the eval corpus.
    expect(c.embeddedDataDir).toBe('/srv/app/var/pglite');
    expect(c.authSandbox).toBe(true);
    expect(c.editWindowSeconds).toBe(300);
    expect(c.reportHideThreshold).toBe(3);
    expect(c.newAccountHoldHours).toBe(0);
    expect(c.ratePolicyChecksPerMinute).toBe(30);
    expect(c.sessionCookieSameSite).toBe('lax');
    expect(c.twitter).toBeNull();
    expect(c.facebook).toBeNull();
    expect(c.policyFile).toMatch(/policy\/standards-board\.yaml$/);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: must be a whole number, got "abc"'],
    [{ PORT: '70000' }, 'PORT: must be between 0 and 65535, got 70000'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL: is not a valid URL'],
    [{ DATABASE_URL: 'mysql://x@h/db' }, 'DATABASE_URL: must start with postgres://'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL: must be an http or https URL'],
    [{ NODE_ENV: 'production' }, 'SESSION_SECRET: is required when NODE_ENV=production'],
    [{ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), AUTH_SANDBOX: 'true' }, 'AUTH_SANDBOX: is refused when NODE_ENV=production'],
    [{ ALLOWED_ORIGINS: 'https://news.example.com/path' }, 'ALLOWED_ORIGINS: "https://news.example.com/path" is not an origin'],
    [{ TWITTER_CONSUMER_KEY: 'k' }, 'TWITTER_CONSUMER_SECRET: must be set together with its pair'],
    [{ FACEBOOK_GRAPH_VERSION: '23' }, 'FACEBOOK_GRAPH_VERSION: must look like v23.0'],
    [{ SESSION_COOKIE_SAMESITE: 'none' }, 'SESSION_COOKIE_SAMESITE: none needs an https PUBLIC_URL'],
    [{ ADMIN_IDENTITIES: 'twitter' }, 'ADMIN_IDENTITIES: "twitter" is not provider:id'],
    [{ EDIT_WINDOW_SECONDS: '-1' }, 'EDIT_WINDOW_SECONDS: must be a whole number'],
  ])('refuses %j with one line naming the variable', (env, message) => {
    let error: unknown;
    try {
      loadConfig(env as Record<string, string>);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });

  it('normalises ALLOWED_ORIGINS and ADMIN_IDENTITIES', () => {
    const c = loadConfig({ ALLOWED_ORIGINS: 'https://news.example.com, http://localhost:8080', ADMIN_IDENTITIES: 'twitter:12345,facebook:678' });
    expect(c.allowedOrigins).toEqual(['https://news.example.com', 'http://localhost:8080']);
    expect(c.adminIdentities).toEqual([
      { provider: 'twitter', providerUserId: '12345' },
      { provider: 'facebook', providerUserId: '678' },
    ]);
  });

  it('turns the sandbox off outside development unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).authSandbox).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', AUTH_SANDBOX: 'true' }).authSandbox).toBe(true);
  });

  it('reads TRUST_PROXY as a hop count or a list of addresses and ranges, and refuses to trust every hop', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1' }).trustProxy).toEqual(['10.0.0.0/8', '127.0.0.1', '::1']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY.*not trust every hop/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/TRUST_PROXY.*not an address/);
    expect(() => loadConfig({ TRUST_PROXY: 'lb.internal' })).toThrow(ConfigError);
  });
});
