import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from './entities';

export interface DataSourceSettings {
  url: string;
  /** Connections in the pool on Postgres; the embedded database always gets one. */
  poolMax?: number;
  /** The url is the embedded database this process started (see embedded.ts). */
  embedded?: boolean;
  applicationName?: string;
  /** Server-side statement_timeout (default 5 s); the client stops waiting a second later. */
  statementTimeoutMs?: number;
  /** How long to wait for a connection (a connect, or a free one from the pool). */
  connectTimeoutMs?: number;
}

/**
 * The embedded database takes one connection (embedded.ts says why), so the
 * pool is where concurrent requests wait their turn. The wait for the
 * connection is then a queue, not a connect: 30 s instead of 5 s lets a burst
 * drain rather than fail. The connection is never closed for idleness: a
 * replacement could reach the wire server before it has counted the old one
 * gone, and be refused.
 */
const EMBEDDED_POOL = { max: 1, connectionTimeoutMillis: 30_000, idleTimeoutMillis: 0 };

/** The one definition of how we talk to Postgres: used by the app, the TypeORM CLI and the tests. */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  const pool = settings.embedded ? EMBEDDED_POOL : { max: settings.poolMax ?? 10, connectionTimeoutMillis: settings.connectTimeoutMs ?? 5000 };
  const statementTimeout = settings.statementTimeoutMs ?? 5000;
  return {
    type: 'postgres',
    url: settings.url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      ...pool,
      application_name: settings.applicationName ?? 'newsroom-comments',
      // A request never waits on a stuck statement forever. A frozen server cannot time out its own
      // statement: query_timeout gives up on the client's side (the request answers 503; outage.ts).
      statement_timeout: statementTimeout,
      query_timeout: statementTimeout + 1000,
      keepAlive: true,
    },
  };
}

/** For the TypeORM CLI: `typeorm -d dist/src/database/data-source.js`. */
export default new DataSource(
  dataSourceOptions({ url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', applicationName: 'typeorm-cli' }),
);
