import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** Seconds a client is told to wait when the database does not answer. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;
const PROBE_MS = 1000;

/** Socket-level failures: the server is gone, refusing or unreachable. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATEs of a server that is shutting down, starting, or out of connections (class 08 is every connection exception). */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** What node-postgres says when a connection dies, never comes up, or a frozen server leaves a query unanswered. */
const DRIVER_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Query read timeout|connection error and is not queryable|Client was closed and is not queryable|Connection ended/i;

/** The database error under TypeORM's wrapping, or the error itself. */
function causes(error: unknown): { code?: unknown; message?: unknown }[] {
  const out: { code?: unknown; message?: unknown }[] = [];
  let e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined;
  for (let i = 0; e && typeof e === 'object' && i < 4; i++) {
    out.push(e);
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return out;
}

/** True for an error that says the database cannot be reached, not that the query was wrong. */
export function isDatabaseUnreachable(error: unknown): boolean {
  return causes(error).some(({ code, message }) => {
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08'))) return true;
    return typeof message === 'string' && DRIVER_MESSAGES.test(message);
  });
}

/** True for a statement cancelled by statement_timeout: the database is there but overloaded. */
export function isStatementTimeout(error: unknown): boolean {
  return causes(error).some(({ code }) => code === '57014');
}

/**
 * The database's state as requests find it: the first request that cannot
 * reach it marks it down (one log line), a probe then asks once a second and
 * marks it up when it answers (one line). Per request there is no log line,
 * only a 503 the client can retry (http-exception.filter.ts).
 */
@Injectable()
export class DatabaseOutage implements OnModuleDestroy {
  private readonly logger = new Logger('Database');
  private downSince: number | null = null;
  private probe?: NodeJS.Timeout;
  private probing = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  get down(): boolean {
    return this.downSince !== null;
  }

  /** A request met an unreachable database. */
  reportDown(error: unknown): void {
    if (this.downSince !== null) return;
    this.downSince = Date.now();
    this.logger.error({ msg: 'database unavailable: answering 503 until it is back', error: (error as Error)?.message });
    this.probe = setInterval(() => void this.check(), PROBE_MS);
    this.probe.unref();
  }

  /** A query succeeded: if it was down, it is back. */
  reportUp(): void {
    if (this.downSince === null) return;
    const ms = Date.now() - this.downSince;
    this.downSince = null;
    if (this.probe) clearInterval(this.probe);
    this.probe = undefined;
    this.logger.log({ msg: 'database available again', downMs: ms });
  }

  private async check(): Promise<void> {
    if (!this.dataSource.isInitialized || this.probing) return;
    this.probing = true;
    try {
      await this.dataSource.query('SELECT 1');
      this.reportUp();
    } catch {
      // Still down; the next probe asks again.
    } finally {
      this.probing = false;
    }
  }

  onModuleDestroy(): void {
    if (this.probe) clearInterval(this.probe);
  }
}
