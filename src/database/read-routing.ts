import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyRequest } from 'fastify';
import { Pool } from 'pg';
import { from, mergeMap, type Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { AppError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/config';

/** What a read needs of a database: the primary's DataSource, or the replica's pool. */
export interface Queryable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query<T = any>(sql: string, params?: unknown[]): Promise<T>;
}

/** The session key holding the primary's WAL position after the reader's last write. */
export const WAL_SESSION_KEY = 'walLsn';
const POLL_MS = 100;

/** '16/B374D848' → a number that orders like the position. */
export function lsnValue(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

/**
 * Sends list and count reads to a streaming replica (DATABASE_READ_URL);
 * writes, and every read inside a transaction, stay on the primary.
 *
 * A reader reads their own writes: after a write, ReadYourWrites keeps the
 * primary's WAL position in their session, and their reads go to the replica
 * only once it has replayed that far, else to the primary. Nothing waits: the
 * replica's replay position is polled every 100 ms, and a replica that has
 * not caught up with where the primary was DATABASE_READ_MAX_LAG_MS ago, or
 * does not answer, is skipped until it does; a read that fails on it is run
 * again on the primary.
 */
@Injectable()
export class ReadRouter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ReadRouter');
  private replica?: Pool;
  private poller?: NodeJS.Timeout;
  /** The replica's replay position at the last poll, or null while it is skipped. */
  private replayed: bigint | null = null;
  /** The primary's position at each recent poll, oldest first: how far it was maxLagMs ago. */
  private primarySamples: { at: number; lsn: bigint }[] = [];
  private polling = false;

  constructor(
    @InjectDataSource() private readonly primary: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Reads on the primary go to TypeORM's own pg pool directly: a
   * DataSource.query makes, connects and releases a QueryRunner per
   * statement, which a profile of S1 (npm run bench) showed costing more
   * than the statement's own parsing. Same connections, same settings.
   */
  private primaryReads?: Queryable;

  get enabled(): boolean {
    return this.replica !== undefined;
  }

  onModuleInit(): void {
    const pool = (this.primary.driver as unknown as { master?: Pool }).master;
    if (pool && typeof pool.query === 'function') this.primaryReads = { query: async (sql: string, params?: unknown[]) => (await pool.query(sql, params as unknown[])).rows } as Queryable;
    if (!this.config.databaseReadUrl || this.config.embeddedDatabase) return;
    this.replica = new Pool({
      connectionString: this.config.databaseReadUrl,
      max: this.config.databasePoolMax,
      connectionTimeoutMillis: 2000,
      application_name: 'newsroom-comments-reads',
    });
    // An idle connection the replica drops must not take the process down.
    this.replica.on('error', (error) => this.logger.warn({ msg: 'replica connection lost', error: error.message }));
    this.poller = setInterval(() => void this.poll(), POLL_MS);
    this.poller.unref();
    void this.poll();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    await this.replica?.end().catch(() => undefined);
  }

  /** Where this request's reads go: the replica when it has everything the reader wrote and is not lagging. */
  pick(request: FastifyRequest): Queryable {
    const primary = this.primaryReads ?? this.primary;
    if (!this.replica || this.replayed === null) return primary;
    // A bearer token keeps no session to remember its writes in: its reads stay on the primary.
    if (request.headers.authorization !== undefined) return primary;
    const wrote = request.session?.get(WAL_SESSION_KEY);
    if (typeof wrote === 'string' && this.replayed < lsnValue(wrote)) return primary;
    return this.replicaQueryable;
  }

  /** Runs a read where pick says; if the replica fails it, once more on the primary (a client's mistake is not retried). */
  async read<T>(request: FastifyRequest, work: (db: Queryable) => Promise<T>): Promise<T> {
    const db = this.pick(request);
    if (db !== this.replicaQueryable) return work(db);
    try {
      return await work(db);
    } catch (error) {
      if (error instanceof AppError) throw error;
      this.replayed = null;
      this.logger.warn({ msg: 'read failed on the replica; the primary answers until it is back', error: (error as Error).message });
      return work(this.primaryReads ?? this.primary);
    }
  }

  /** The primary's WAL position now: after a commit, at or past it. */
  async primaryLsn(): Promise<string> {
    const [row] = (await this.primary.query('SELECT pg_current_wal_lsn()::text AS lsn')) as { lsn: string }[];
    return row.lsn;
  }

  private readonly replicaQueryable: Queryable = {
    query: async (sql: string, params?: unknown[]) => (await this.replica!.query(sql, params as unknown[])).rows,
  } as Queryable;

  private async poll(): Promise<void> {
    if (this.polling || !this.replica) return;
    this.polling = true;
    try {
      const now = Date.now();
      const primary = lsnValue(await this.primaryLsn());
      this.primarySamples.push({ at: now, lsn: primary });
      const horizon = now - this.config.databaseReadMaxLagMs;
      while (this.primarySamples.length > 1 && this.primarySamples[1].at <= horizon) this.primarySamples.shift();
      const { rows } = await this.replica.query<{ lsn: string | null }>('SELECT pg_last_wal_replay_lsn()::text AS lsn');
      const replayed = rows[0]?.lsn ? lsnValue(rows[0].lsn) : null;
      // Where the primary was maxLagMs ago (the oldest sample kept once the window is full).
      const due = this.primarySamples[0].at <= horizon ? this.primarySamples[0].lsn : 0n;
      const wasUp = this.replayed !== null;
      this.replayed = replayed !== null && replayed >= due ? replayed : null;
      if (wasUp && this.replayed === null) this.logger.warn({ msg: 'replica lagging or not a standby; reads go to the primary' });
    } catch (error) {
      if (this.replayed !== null) this.logger.warn({ msg: 'replica unreachable; reads go to the primary', error: (error as Error).message });
      this.replayed = null;
    } finally {
      this.polling = false;
    }
  }
}

/**
 * After a successful write by a reader with a session, keeps the primary's
 * WAL position in their session (only when a replica is configured), so
 * their next reads come from a copy that has it.
 */
@Injectable()
export class ReadYourWrites implements NestInterceptor {
  constructor(private readonly router: ReadRouter) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const write = !['GET', 'HEAD', 'OPTIONS'].includes(request.method);
    if (!this.router.enabled || !write || !request.session?.get('passport') || request.headers.authorization !== undefined) return next.handle();
    return next.handle().pipe(
      mergeMap((value) =>
        from(
          this.router.primaryLsn().then((lsn) => {
            request.session.set(WAL_SESSION_KEY, lsn);
            return value;
          }),
        ),
      ),
    );
  }
}
