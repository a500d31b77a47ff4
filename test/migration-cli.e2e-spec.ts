import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { migrations } from '../migrations';
import { DEFAULT_TEST_DATABASE_URL, assertTestDatabase, postgresAnswers, withDatabase } from './setup/test-database';

/**
 * The README's migration commands, run exactly as a reader types them
 * (`npm run migration:…`, which builds first) against a database made for
 * this test, so that a command the README gives can never fail again
 * without a test failing with it.
 */
const ROOT = path.join(__dirname, '..');
const ALL = migrations.map((m) => m.name);

/** How the test reads the schema of the database the commands worked on. */
interface Target {
  env: Record<string, string | undefined>;
  query<T>(sql: string): Promise<T[]>;
  /** Runs statements in a transaction that is rolled back, reading the schema inside it. */
  tryStatements(statements: string[]): Promise<Schema>;
}

interface Schema {
  columns: string[];
  indexes: string[];
}

function npmRun(script: string, args: string[], env: Target['env']): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', script, ...(args.length ? ['--', ...args] : [])], {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`npm run ${script} ${args.join(' ')} exited ${code}:\n${output.slice(-4000)}`)),
    );
  });
}

// Never the developer's own database or .env: NODE_ENV=test and only the variables given here.
function commandEnv(extra: Record<string, string>): Target['env'] {
  const env: Target['env'] = { ...process.env, NODE_ENV: 'test', ...extra };
  if (!extra.DATABASE_URL) delete env.DATABASE_URL;
  if (!extra.EMBEDDED_DATA_DIR) delete env.EMBEDDED_DATA_DIR;
  return env;
}

const COLUMNS_SQL = `SELECT table_name || '.' || column_name || ' ' || data_type || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END AS c
  FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`;
// Index names are left out: a generated migration names its indexes its own way.
const INDEXES_SQL = `SELECT regexp_replace(indexdef, '^CREATE (UNIQUE )?INDEX \\S+ ON ', 'CREATE \\1INDEX ON ') AS i
  FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`;

async function readSchema(query: <T>(sql: string) => Promise<T[]>): Promise<Schema> {
  return {
    columns: (await query<{ c: string }>(COLUMNS_SQL)).map((r) => r.c),
    indexes: (await query<{ i: string }>(INDEXES_SQL)).map((r) => r.i),
  };
}

async function applied(target: Target): Promise<string[]> {
  return (await target.query<{ name: string }>('SELECT name FROM migrations ORDER BY id')).map((r) => r.name);
}

/** The SQL of a generated migration's up(), in order. */
function upStatements(source: string): string[] {
  const up = /async up\([^)]*\)[^{]*\{([\s\S]*?)\n    \}/.exec(source);
  if (!up) throw new Error(`no up() in the generated migration:\n${source}`);
  return [...up[1].matchAll(/queryRunner\.query\(`([\s\S]*?)`\)/g)].map((m) => m[1].replace(/\\`/g, '`'));
}

async function postgresTarget(base: string, name: string): Promise<Target> {
  const url = withDatabase(base, name);
  const withClient = async <R>(fn: (c: Client) => Promise<R>): Promise<R> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  return {
    env: commandEnv({ DATABASE_URL: url }),
    query: (sql) => withClient(async (c) => (await c.query(sql)).rows),
    tryStatements: (statements) =>
      withClient(async (c) => {
        await c.query('BEGIN');
        try {
          for (const s of statements) await c.query(s);
          return await readSchema(async (sql) => (await c.query(sql)).rows);
        } finally {
          await c.query('ROLLBACK');
        }
      }),
  };
}

function embeddedTarget(dataDir: string): Target {
  // Read straight from the files the command left, once it has exited and closed them.
  const withDb = async <R>(fn: (db: PGlite) => Promise<R>): Promise<R> => {
    const db = await PGlite.create({ dataDir });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  };
  return {
    env: commandEnv({ EMBEDDED_DATA_DIR: dataDir }),
    query: <T>(sql: string) => withDb(async (db) => (await db.query<T>(sql)).rows),
    tryStatements: (statements) =>
      withDb(async (db) => {
        await db.exec('BEGIN');
        try {
          for (const s of statements) await db.exec(s);
          return await readSchema(async <T>(sql: string) => (await db.query<T>(sql)).rows);
        } finally {
          await db.exec('ROLLBACK');
        }
      }),
  };
}

describe('npm run migration:run|revert|generate (the README’s commands)', () => {
  const base = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  const name = `test_migration_cli_${Date.now()}_${process.pid}`;
  let scratch: string;
  let admin: Client | undefined;

  beforeAll(async () => {
    assertTestDatabase(base);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'migration-cli-'));
    if (await postgresAnswers(base)) {
      admin = new Client({ connectionString: base });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
    }
  });

  afterAll(async () => {
    // Should generate ever ignore --dir, leave no stray file in the repository whatever the test said.
    for (const f of fs.readdirSync(path.join(ROOT, 'migrations'))) {
      if (/-CliProbe\.ts$/.test(f)) fs.rmSync(path.join(ROOT, 'migrations', f));
    }
    if (admin) {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  // On Postgres when one answers (as the rest of the suite), else on the embedded database.
  it('on a fresh database: run applies every migration, revert undoes the last, generate writes that change back, run re-applies it', async () => {
    const target = admin ? await postgresTarget(base, name) : embeddedTarget(path.join(scratch, 'sequence'));
    const repoMigrations = fs.readdirSync(path.join(ROOT, 'migrations')).sort();

    await npmRun('migration:run', [], target.env);
    expect(await applied(target)).toEqual(ALL);
    const full = await readSchema(target.query);

    await npmRun('migration:revert', [], target.env);
    expect(await applied(target)).toEqual(ALL.slice(0, -1));
    const reverted = await readSchema(target.query);
    expect(reverted).not.toEqual(full);

    const out = path.join(scratch, 'generated');
    await npmRun('migration:generate', ['CliProbe', '--dir', out], target.env);
    const files = fs.readdirSync(out);
    expect(files).toEqual([expect.stringMatching(/^\d+-CliProbe\.ts$/)]);
    expect(fs.readdirSync(path.join(ROOT, 'migrations')).sort()).toEqual(repoMigrations);
    // What the generated migration does is what the reverted one did: applying its up() gives the full schema back.
    const statements = upStatements(fs.readFileSync(path.join(out, files[0]), 'utf8'));
    expect(statements.length).toBeGreaterThan(0);
    expect(await target.tryStatements(statements)).toEqual(full);
    expect(await readSchema(target.query)).toEqual(reverted);

    await npmRun('migration:run', [], target.env);
    expect(await applied(target)).toEqual(ALL);
    expect(await readSchema(target.query)).toEqual(full);
  }, 240_000);

  it('on the embedded database (no DATABASE_URL, a new EMBEDDED_DATA_DIR): run applies every migration', async () => {
    const target = embeddedTarget(path.join(scratch, 'embedded'));
    const output = await npmRun('migration:run', [], target.env);
    expect(output).toContain('embedded database');
    expect(await applied(target)).toEqual(ALL);
  }, 120_000);
});
