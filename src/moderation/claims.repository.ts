import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface ClaimRecord {
  id: string;
  commentId: string;
  claimant: string;
  reason: string;
  createdAt: Date;
  hiddenUntil: Date;
}

interface ClaimRow {
  id: string;
  comment_id: string;
  claimant: string;
  reason: string;
  created_at: Date;
  hidden_until: Date;
}

const toClaim = (r: ClaimRow): ClaimRecord => ({ id: r.id, commentId: r.comment_id, claimant: r.claimant, reason: r.reason, createdAt: r.created_at, hiddenUntil: r.hidden_until });

/** Every statement on `comment_claims`. */
@Injectable()
export class ClaimsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Claims on a reader's comments, for their data export: the reason and the
   * dates. The claimant is someone else, and stays with the newsroom.
   */
  exportFor(authorId: string): Promise<Record<string, unknown>[]> {
    return this.dataSource.query(
      `SELECT k.comment_id AS "commentId", k.reason, k.created_at AS "at", k.hidden_until AS "hiddenUntil", k.resolution, k.resolved_at AS "resolvedAt"
         FROM comment_claims k JOIN comments c ON c.id = k.comment_id WHERE c.author_id = $1 ORDER BY k.created_at`,
      [authorId],
    );
  }

  async open(m: EntityManager, c: { commentId: string; claimant: string; reason: string; actorId: string | null; days: number }): Promise<ClaimRecord> {
    const [row] = (await m.query(
      `INSERT INTO comment_claims (comment_id, claimant, reason, actor_id, hidden_until)
       VALUES ($1, $2, $3, $4, now() + make_interval(days => $5)) RETURNING *`,
      [c.commentId, c.claimant, c.reason, c.actorId, c.days],
    )) as ClaimRow[];
    return toClaim(row);
  }

  async openFor(m: EntityManager, commentId: string): Promise<ClaimRecord | null> {
    const rows: ClaimRow[] = await m.query('SELECT * FROM comment_claims WHERE comment_id = $1 AND resolved_at IS NULL', [commentId]);
    return rows[0] ? toClaim(rows[0]) : null;
  }

  async resolve(m: EntityManager, claimId: string, resolution: 'restored' | 'deleted', by: string | null): Promise<void> {
    await m.query('UPDATE comment_claims SET resolved_at = now(), resolution = $2, resolved_by = $3 WHERE id = $1', [claimId, resolution, by]);
  }

  /**
   * Takes the claims whose period has run out and that nobody has announced
   * yet. Each row is taken once: a second instance running the same sweep
   * skips the rows the first holds and finds them announced afterwards.
   */
  async takeDue(m: EntityManager, limit = 100): Promise<{ id: string; commentId: string }[]> {
    const [rows] = (await m.query(
      `UPDATE comment_claims SET due_announced_at = now()
        WHERE id IN (SELECT id FROM comment_claims
                      WHERE resolved_at IS NULL AND due_announced_at IS NULL AND hidden_until <= now()
                        -- a claim whose comment its author deleted (or an erasure took) has nothing left to decide
                        AND EXISTS (SELECT 1 FROM comments c WHERE c.id = comment_claims.comment_id AND c.status = 'hidden')
                      ORDER BY hidden_until LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING id, comment_id`,
      [limit],
    )) as [{ id: string; comment_id: string }[], number];
    return rows.map((r) => ({ id: r.id, commentId: r.comment_id }));
  }
}
