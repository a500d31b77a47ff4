import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { DataSource } from 'typeorm';

type Callback = (error?: unknown) => void;
type SessionData = Record<string, unknown> & { cookie?: { expires?: string | Date | null }; passport?: unknown };

const DEFAULT_TTL_MS = 30 * 24 * 3600 * 1000;

/**
 * @fastify/session's store, in Postgres, so that every instance serves every
 * session. The user id is kept beside the data so that deleting an account or
 * banning a reader can end all their sessions at once.
 */
export class PostgresSessionStore extends EventEmitter {
  private readonly logger = new Logger('SessionStore');
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {
    super();
  }

  get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    this.dataSource
      .query('SELECT data FROM sessions WHERE sid = $1 AND expires_at > now()', [sid])
      .then((rows: { data: SessionData }[]) => callback(null, rows[0]?.data ?? null), (error) => callback(error));
  }

  set(sid: string, session: SessionData, callback: Callback): void {
    const data = JSON.parse(JSON.stringify(session)) as SessionData;
    const expires = data.cookie?.expires ? new Date(data.cookie.expires) : new Date(Date.now() + DEFAULT_TTL_MS);
    const userId = typeof data.passport === 'string' ? data.passport : null;
    this.dataSource
      .query(
        `INSERT INTO sessions (sid, user_id, data, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (sid) DO UPDATE SET user_id = EXCLUDED.user_id, data = EXCLUDED.data, expires_at = EXCLUDED.expires_at`,
        [sid, userId, data, expires],
      )
      .then(() => callback(), (error) => callback(error));
  }

  destroy(sid: string, callback: Callback): void {
    this.dataSource.query('DELETE FROM sessions WHERE sid = $1', [sid]).then(() => callback(), (error) => callback(error));
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
