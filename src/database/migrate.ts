import { DataSource } from 'typeorm';

/** Any fixed 64-bit number shared by every instance: "newsroom-comments migrations". */
export const MIGRATION_LOCK_KEY = '7263537162893041';

/**
 * Applies pending migrations at start-up. On Postgres several instances may
 * start together, so they take turns under the advisory lock. The embedded
 * database belongs to this one process (nothing else can open its files), so
 * there is no one to take turns with; and the lock would hold its only
 * connection while runMigrations waits for a second one, which never comes.
 */
export async function migrateAtStartup(dataSource: DataSource, embedded: boolean): Promise<string[]> {
  return embedded ? runPending(dataSource) : migrateWithLock(dataSource);
}

/**
 * Applies pending migrations while holding a Postgres advisory lock, so that
 * instances starting together take turns: the first applies, the others find
 * nothing left to do. Needs two connections: the lock's and runMigrations'.
 */
export async function migrateWithLock(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      return await runPending(dataSource);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

async function runPending(dataSource: DataSource): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  return applied.map((m) => m.name);
}

/** True when every known migration is recorded as applied. */
export async function migrationsApplied(dataSource: DataSource): Promise<boolean> {
  return !(await dataSource.showMigrations());
}
