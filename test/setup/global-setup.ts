import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { migrateWithLock } from '../../src/database/migrate';
import { startEmbeddedPostgres } from '../../src/database/embedded';
import { DEFAULT_TEST_DATABASE_URL, assertTestDatabase, postgresAnswers, withDatabase } from './test-database';

/**
 * Creates a fresh database for this run on TEST_DATABASE_URL's server,
 * applies the migrations, and hands its URL to the tests. With no Postgres
 * answering, says so and runs on the embedded database instead.
 */
export default async function globalSetup(): Promise<void> {
  const base = process.env.TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
  assertTestDatabase(base);
  let url: string;
  if (await postgresAnswers(base)) {
    const name = `test_run_${Date.now()}_${process.pid}`;
    const admin = new Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    url = withDatabase(base, name);
    (globalThis as Record<string, unknown>).__TEST_DB__ = { base, name };
    process.stdout.write(`\n[tests] Postgres at ${new URL(base).host}: fresh database ${name}\n`);
  } else {
    // Unlike the app's one connection, the tests need several at once (two app instances with their
    // LISTEN clients, a second DataSource beside the app's), so the wire server takes eight; each test
    // app keeps a pool of one, as the app itself does on the embedded database. Extra connections share
    // pglite-socket's message queue (see src/database/embedded.ts), which holds for the tests' small
    // exchanges: pg writes each one whole. The served path is tested in embedded-concurrency.e2e-spec.ts.
    const embedded = await startEmbeddedPostgres(undefined, 8);
    url = embedded.url;
    (globalThis as Record<string, unknown>).__EMBEDDED__ = embedded;
    process.env.TEST_DATABASE_POOL_MAX = '1';
    process.stdout.write(`\n[tests] No Postgres answers at ${new URL(base).host}; running on the embedded database (PGlite) instead.\n`);
  }
  const ds = new DataSource(dataSourceOptions({ url, poolMax: 2 }));
  await ds.initialize();
  await migrateWithLock(ds);
  await ds.destroy();
  process.env.TEST_RUN_DATABASE_URL = url;
}
