import { DynamicModule, Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { dataSourceOptions } from './data-source';
import { migrateWithLock, migrationsApplied } from './migrate';
import { ReadRouter, ReadYourWrites } from './read-routing';
import { DatabaseOutage, isDatabaseUnreachable } from './outage';

/** Readiness answers within this, however the database behaves (a frozen one never answers). */
const READY_TIMEOUT_MS = 1500;

/** Applies migrations at start-up (under the advisory lock) and answers readiness. */
@Injectable()
export class DatabaseService implements OnModuleInit {
  private readonly logger = new Logger('Database');
  private migrated = false;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outage: DatabaseOutage,
  ) {}

  async onModuleInit(): Promise<void> {
    const started = Date.now();
    const applied = await this.migrate();
    this.migrated = await migrationsApplied(this.dataSource);
    this.logger.log({ msg: 'migrations checked', applied, ms: Date.now() - started });
  }

  /**
   * The migrations' advisory lock is a session's: through a transaction
   * pooler (PgBouncer) its unlock could reach another server connection and
   * leave the lock held. So when DATABASE_LISTEN_URL names a direct
   * connection apart from DATABASE_URL, they run over that one.
   */
  private async migrate(): Promise<string[]> {
    const direct = this.config.databaseListenUrl;
    if (!direct || direct === this.config.databaseUrl || this.config.embeddedDatabase) return migrateWithLock(this.dataSource);
    const ds = new DataSource(dataSourceOptions({ url: direct, poolMax: 1, applicationName: 'newsroom-comments-migrations' }));
    await ds.initialize();
    try {
      return await migrateWithLock(ds);
    } finally {
      await ds.destroy();
    }
  }

  /** The database answers and every migration is applied. */
  async ready(): Promise<{ database: boolean; migrations: boolean }> {
    let database = false;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout exceeded when trying to connect (readiness)')), READY_TIMEOUT_MS);
      });
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      database = true;
      this.outage.reportUp();
    } catch (error) {
      database = false;
      if (isDatabaseUnreachable(error)) this.outage.reportDown(error);
    } finally {
      clearTimeout(timer);
    }
    if (database && !this.migrated) this.migrated = await migrationsApplied(this.dataSource).catch(() => false);
    return { database, migrations: database && this.migrated };
  }
}

@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig): DynamicModule {
    if (!config.databaseUrl) throw new Error('DatabaseModule needs a resolved database URL');
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(
          dataSourceOptions({
            url: config.databaseUrl,
            poolMax: config.databasePoolMax,
            embedded: config.embeddedDatabase,
            statementTimeoutMs: config.databaseStatementTimeoutMs,
            connectTimeoutMs: config.databaseConnectTimeoutMs,
          }),
        ),
      ],
      providers: [DatabaseService, DatabaseOutage, ReadRouter, { provide: APP_INTERCEPTOR, useClass: ReadYourWrites }],
      exports: [DatabaseService, DatabaseOutage, ReadRouter],
    };
  }
}
