import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ReactionValue } from './reaction.entity';

/** Every statement on `comment_reactions` and `reaction_events`. */
@Injectable()
export class ReactionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async current(m: EntityManager, commentId: string, userId: string): Promise<ReactionValue | null> {
    const rows: { value: ReactionValue }[] = await m.query('SELECT value FROM comment_reactions WHERE comment_id = $1 AND user_id = $2', [commentId, userId]);
    return rows[0]?.value ?? null;
  }

  /** Reactions set or switched in the last 24 hours (removals do not count), and when the oldest was. */
  async lastDay(m: EntityManager, userId: string): Promise<{ count: number; oldest: Date | null }> {
    const [row] = (await m.query(
      `SELECT count(*)::int AS n, min(created_at) AS oldest FROM reaction_events WHERE user_id = $1 AND created_at > now() - interval '24 hours'`,
      [userId],
    )) as { n: number; oldest: Date | null }[];
    return { count: row.n, oldest: row.oldest };
  }

  async set(m: EntityManager, commentId: string, userId: string, value: ReactionValue): Promise<void> {
    await m.query('INSERT INTO reaction_events (user_id) VALUES ($1)', [userId]);
    await m.query(
      `INSERT INTO comment_reactions (comment_id, user_id, value) VALUES ($1, $2, $3)
       ON CONFLICT (comment_id, user_id) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [commentId, userId, value],
    );
  }

  async remove(m: EntityManager, commentId: string, userId: string): Promise<void> {
    await m.query('DELETE FROM comment_reactions WHERE comment_id = $1 AND user_id = $2', [commentId, userId]);
  }

  /** The comments a reader has reacted to, for an erasure to lock their articles first. */
  async commentIdsOf(m: EntityManager, userId: string): Promise<string[]> {
    const rows: { comment_id: string }[] = await m.query('SELECT comment_id FROM comment_reactions WHERE user_id = $1', [userId]);
    return rows.map((r) => r.comment_id);
  }

  /** Erases a reader's reactions and their daily record; answers what they were, so the counts can be given back. */
  async eraseReader(m: EntityManager, userId: string): Promise<{ commentId: string; value: ReactionValue }[]> {
    // TypeORM answers a DELETE … RETURNING with [rows, affected].
    const [rows] = (await m.query('DELETE FROM comment_reactions WHERE user_id = $1 RETURNING comment_id, value', [userId])) as [{ comment_id: string; value: ReactionValue }[], number];
    await m.query('DELETE FROM reaction_events WHERE user_id = $1', [userId]);
    return rows.map((r) => ({ commentId: r.comment_id, value: r.value }));
  }

  exportOf(userId: string): Promise<Record<string, unknown>[]> {
    return this.dataSource.query('SELECT comment_id AS "commentId", value, updated_at AS "at" FROM comment_reactions WHERE user_id = $1 ORDER BY updated_at', [userId]);
  }
}
