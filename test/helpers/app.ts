import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { REQUEST_LIMITS_OFF } from '../../src/common/rate-limits';
import { AppConfig, loadConfig } from '../../src/config/config';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  close(): Promise<void>;
}

/**
 * The real application on the run's test database, built exactly as main.ts builds it.
 * Every test client is 127.0.0.1, and a spec's readers post and react in bursts no
 * person would, so the request limits are off unless `env` sets them; they have their
 * own spec (test/rate-limits.e2e-spec.ts).
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const url = process.env.TEST_RUN_DATABASE_URL;
  if (!url) throw new Error('TEST_RUN_DATABASE_URL is not set: run the tests through jest (global setup)');
  const loaded = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATABASE_URL: url, ...REQUEST_LIMITS_OFF, ...env });
  const config: AppConfig = { ...loaded, databasePoolMax: Number(process.env.TEST_DATABASE_POOL_MAX ?? 5) };
  const app = await createApp(config);
  const dataSource = app.get(DataSource);
  return {
    app,
    config,
    dataSource,
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}

/**
 * Empties every table but the migrations' record, between tests. The audit
 * log refuses TRUNCATE by trigger; the tests' superuser sets its triggers
 * aside for this one transaction (session_replication_role), as only a
 * superuser could.
 */
export async function truncateAll(dataSource: DataSource): Promise<void> {
  const tables: { tablename: string }[] = await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
  );
  if (!tables.length) return;
  await dataSource.transaction(async (m) => {
    await m.query('SET LOCAL session_replication_role = replica');
    await m.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
  });
}
