import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SessionStore } from './session-plugin';

/**
 * Sessions in Postgres, so that every instance serves every session; every
 * statement on the `sessions` table. The user id is kept beside the data so
 * that deleting an account or banning a reader can end all their sessions at once.
 */
@Injectable()
export class PostgresSessionStore implements SessionStore {
  private readonly logger = new Logger('SessionStore');
  private sweeper?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(sid: string): Promise<{ data: Record<string, unknown>; expiresAt: Date } | null> {
    const rows: { data: Record<string, unknown>; expires_at: Date }[] = await this.dataSource.query(
      'SELECT data, expires_at FROM sessions WHERE sid = $1 AND expires_at > now()',
      [sid],
    );
    return rows[0] ? { data: rows[0].data, expiresAt: rows[0].expires_at } : null;
  }

  async set(sid: string, data: Record<string, unknown>, expiresAt: Date, userId: string | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO sessions (sid, user_id, data, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sid) DO UPDATE SET user_id = EXCLUDED.user_id, data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`,
      [sid, userId, data, expiresAt],
    );
  }

  async destroy(sid: string): Promise<void> {
    await this.dataSource.query('DELETE FROM sessions WHERE sid = $1', [sid]);
  }

  /** Ends every session of a person, inside the caller's transaction (account erasure). */
  async endAllFor(m: EntityManager, userId: string): Promise<void> {
    await m.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
  }

  exportOf(userId: string): Promise<Record<string, unknown>[]> {
    return this.dataSource.query('SELECT expires_at AS "expiresAt" FROM sessions WHERE user_id = $1 ORDER BY expires_at', [userId]);
  }

  /** Expired rows are refused on read already; this keeps the table small. */
  startSweeping(everyMs = 10 * 60 * 1000): void {
    this.sweeper = setInterval(() => void this.sweep(), everyMs);
    this.sweeper.unref();
  }

  stopSweeping(): void {
    if (this.sweeper) clearInterval(this.sweeper);
  }

  async sweep(): Promise<number> {
    try {
      const [, count] = (await this.dataSource.query('DELETE FROM sessions WHERE expires_at <= now()')) as [unknown, number];
      return count ?? 0;
    } catch (error) {
      this.logger.warn({ msg: 'session sweep failed', error: (error as Error).message });
      return 0;
    }
  }
}
