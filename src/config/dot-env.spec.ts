import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from './config';
import { projectRoot } from './project-root';
import { loadDotEnv } from './dot-env';

describe('loadDotEnv', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dot-env-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (text: string) => fs.writeFileSync(path.join(dir, '.env'), text);

  it('fills unset variables from .env, and the environment wins over the file', () => {
    write('PORT=4000\nPUBLIC_URL=http://localhost:4000\nLOG_LEVEL=debug\n');
    const env: Record<string, string | undefined> = { PORT: '5000', LOG_LEVEL: '' };
    expect(loadDotEnv(dir, env)).toEqual(['PUBLIC_URL']);
    // Set but empty still counts as set: an explicit `LOG_LEVEL=` in the shell is the user's choice.
    expect(env).toEqual({ PORT: '5000', PUBLIC_URL: 'http://localhost:4000', LOG_LEVEL: '' });
  });

  it('reads comments, blank lines, `export`, quotes and a quoted value over several lines as Node does', () => {
    write('# a comment\n\nexport CMS_API_TOKEN=abc\nSESSION_SECRET="with # hash and spaces"\nKEY="-----BEGIN-----\nline two\n-----END-----"\nAFTER=1\n');
    const env: Record<string, string | undefined> = {};
    loadDotEnv(dir, env);
    expect(env).toEqual({
      CMS_API_TOKEN: 'abc',
      SESSION_SECRET: 'with # hash and spaces',
      KEY: '-----BEGIN-----\nline two\n-----END-----',
      AFTER: '1',
    });
  });

  it('loads the repository’s .env.example as it is, once copied to .env', () => {
    fs.copyFileSync(path.join(projectRoot(), '.env.example'), path.join(dir, '.env'));
    const env: Record<string, string | undefined> = {};
    loadDotEnv(dir, env);
    expect(env).toEqual({ PORT: '3000', PUBLIC_URL: 'http://localhost:3000' });
    expect(() => loadConfig(env, dir)).not.toThrow();
  });

  it('is skipped under NODE_ENV=test, so no test reads a developer’s .env', () => {
    write('PORT=4000\n');
    const env: Record<string, string | undefined> = { NODE_ENV: 'test' };
    expect(loadDotEnv(dir, env)).toEqual([]);
    expect(env).toEqual({ NODE_ENV: 'test' });
  });

  it('does nothing when there is no .env', () => {
    const env: Record<string, string | undefined> = { PORT: '5000' };
    expect(loadDotEnv(dir, env)).toEqual([]);
    expect(env).toEqual({ PORT: '5000' });
  });

  it('refuses a line that is not NAME=value with one line naming it, and sets nothing', () => {
    write('PORT=4000\nDATABASE_URL postgres://x\n');
    const env: Record<string, string | undefined> = {};
    expect(() => loadDotEnv(dir, env)).toThrow(new ConfigError('.env', 'line 2 is not NAME=value: "DATABASE_URL postgres://x"'));
    expect(env).toEqual({});
  });

  it('says so when .env exists but cannot be read', () => {
    fs.mkdirSync(path.join(dir, '.env'));
    expect(() => loadDotEnv(dir, {})).toThrow(/^\.env: cannot be read: EISDIR/);
  });
});
