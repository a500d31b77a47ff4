import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { migrations } from '../../migrations';
import { entities } from './entities';

export interface DataSourceSettings {
  url: string;
  /** Connections in the pool; the embedded database wants few. */
  poolMax?: number;
  applicationName?: string;
}

/** The one definition of how we talk to Postgres: used by the app, the TypeORM CLI and the tests. */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
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
      max: settings.poolMax ?? 10,
      application_name: settings.applicationName ?? 'newsroom-comments',
      connectionTimeoutMillis: 5000,
      // A request never waits on a stuck statement forever.
      statement_timeout: 15000,
    },
  };
}

/** For the TypeORM CLI: `typeorm -d dist/src/database/data-source.js`. */
export default new DataSource(
  dataSourceOptions({ url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', applicationName: 'typeorm-cli' }),
);
