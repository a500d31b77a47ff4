import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { SanctionKind } from './moderation.entities';

export interface SanctionRecord {
  id: string;
  kind: SanctionKind;
  until: Date | null;
  reason: string;
  actorId: string | null;
  createdAt: Date;
}

/** Every statement on `strikes` and `sanctions`. */
@Injectable()
export class SanctionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A reader's strikes and sanctions, for their data export. */
  async exportOf(userId: string): Promise<{ strikes: Record<string, unknown>[]; sanctions: Record<string, unknown>[] }> {
    const [strikes, sanctions] = await Promise.all([
      this.dataSource.query('SELECT comment_id AS "commentId", rule, created_at AS "at" FROM strikes WHERE user_id = $1 ORDER BY id', [userId]),
      this.dataSource.query(
        'SELECT kind, until, reason, created_at AS "at", lifted_at AS "liftedAt" FROM sanctions WHERE user_id = $1 ORDER BY id',
        [userId],
      ),
    ]);
    return { strikes, sanctions };
  }

  /** Records a strike; answers how many the reader now has. */
  async addStrike(m: EntityManager, userId: string, commentId: string, rule: string, actorId: string | null): Promise<{ id: string; count: number }> {
    const [row] = (await m.query('INSERT INTO strikes (user_id, comment_id, rule, actor_id) VALUES ($1, $2, $3, $4) RETURNING id::text AS id', [
      userId,
      commentId,
      rule,
      actorId,
    ])) as { id: string }[];
    const [{ n }] = (await m.query('SELECT count(*)::int AS n FROM strikes WHERE user_id = $1', [userId])) as { n: number }[];
    return { id: row.id, count: n };
  }

  async add(m: EntityManager, s: { userId: string; kind: SanctionKind; until: Date | null; reason: string; strikeId: string | null; actorId: string | null }): Promise<SanctionRecord> {
    const [row] = (await m.query(
      `INSERT INTO sanctions (user_id, kind, until, reason, strike_id, actor_id) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id::text AS id, kind, until, reason, actor_id, created_at`,
      [s.userId, s.kind, s.until, s.reason, s.strikeId, s.actorId],
    )) as { id: string; kind: SanctionKind; until: Date | null; reason: string; actor_id: string | null; created_at: Date }[];
    return { id: row.id, kind: row.kind, until: row.until, reason: row.reason, actorId: row.actor_id, createdAt: row.created_at };
  }

  /** Lifts every suspension or ban still in force; answers how many there were. */
  async liftInForce(m: EntityManager, userId: string, by: string | null): Promise<number> {
    const [, count] = (await m.query(
      `UPDATE sanctions SET lifted_at = now(), lifted_by = $2
        WHERE user_id = $1 AND kind IN ('suspend', 'ban') AND lifted_at IS NULL AND (until IS NULL OR until > now())`,
      [userId, by],
    )) as [unknown, number];
    return count;
  }
}
