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
    const embedded = await startEmbeddedPostgres(undefined, 4);
    url = embedded.url;
    (globalThis as Record<string, unknown>).__EMBEDDED__ = embedded;
    process.env.TEST_DATABASE_POOL_MAX = String(embedded.maxConnections);
    process.stdout.write(`\n[tests] No Postgres answers at ${new URL(base).host}; running on the embedded database (PGlite) instead.\n`);
  }
  const ds = new DataSource(dataSourceOptions({ url, poolMax: 2 }));
  await ds.initialize();
  await migrateWithLock(ds);
  await ds.destroy();
  process.env.TEST_RUN_DATABASE_URL = url;
}
