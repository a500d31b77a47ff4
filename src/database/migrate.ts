import { DataSource, MigrationExecutor } from 'typeorm';

/** Any fixed 64-bit number shared by every instance: "newsroom-comments migrations". */
export const MIGRATION_LOCK_KEY = '7263537162893041';

/**
 * Applies pending migrations while holding a Postgres advisory lock, so that
 * instances starting together take turns: the first applies, the others find
 * nothing left to do. The lock and the migrations share one connection
 * (dataSource.runMigrations would take a second one): the embedded database
 * has exactly one, which the lock would otherwise hold while the migrations
 * wait for another that never comes.
 */
export async function migrateWithLock(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  const client = (await runner.connect()) as { connectionParameters?: { query_timeout?: number | false } };
  // The request timeouts (data-source.ts) are not for this connection: waiting for another instance's
  // migrations, or a migration that rewrites a large table, may rightly take minutes.
  const queryTimeout = client.connectionParameters?.query_timeout;
  if (client.connectionParameters) client.connectionParameters.query_timeout = false;
  await runner.query('SET statement_timeout = 0');
  try {
    await runner.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'each';
      const applied = await executor.executePendingMigrations();
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.query('RESET statement_timeout').catch(() => undefined);
    if (client.connectionParameters) client.connectionParameters.query_timeout = queryTimeout;
    await runner.release();
  }
}

/** True when every known migration is recorded as applied. */
export async function migrationsApplied(dataSource: DataSource): Promise<boolean> {
  return !(await dataSource.showMigrations());
}
