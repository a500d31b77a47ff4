import { Client } from 'pg';
import type { EmbeddedPostgres } from '../../src/database/embedded';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as Record<string, unknown>;
  const db = g.__TEST_DB__ as { base: string; name: string } | undefined;
  if (db) {
    const admin = new Client({ connectionString: db.base });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${db.name}" WITH (FORCE)`);
    await admin.end();
  }
  const embedded = g.__EMBEDDED__ as EmbeddedPostgres | undefined;
  if (embedded) await embedded.stop();
}
