import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ReportReason } from './report.entity';

/** Every statement on `comment_reports`. */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True when this is the reader's first report of the comment; a repeat changes nothing. */
  async add(m: EntityManager, commentId: string, reporterId: string, reason: ReportReason, note: string | null): Promise<boolean> {
    const inserted = await m.query(
      `INSERT INTO comment_reports (comment_id, reporter_id, reason, note) VALUES ($1, $2, $3, $4)
       ON CONFLICT (comment_id, reporter_id) DO NOTHING RETURNING comment_id`,
      [commentId, reporterId, reason, note],
    );
    return inserted.length > 0;
  }

  async commentIdsOf(m: EntityManager, reporterId: string): Promise<string[]> {
    const rows: { comment_id: string }[] = await m.query('SELECT comment_id FROM comment_reports WHERE reporter_id = $1', [reporterId]);
    return rows.map((r) => r.comment_id);
  }

  /**
   * Erases a reader's reports; answers the comments whose count they were
   * still part of (not cleared by a moderator), so those counts can be given back.
   */
  async eraseReporter(m: EntityManager, reporterId: string): Promise<string[]> {
    // TypeORM answers a DELETE … RETURNING with [rows, affected].
    const [rows] = (await m.query('DELETE FROM comment_reports WHERE reporter_id = $1 RETURNING comment_id, cleared_at', [reporterId])) as [
      { comment_id: string; cleared_at: Date | null }[],
      number,
    ];
    return rows.filter((r) => r.cleared_at === null).map((r) => r.comment_id);
  }

  /** A moderator restored the comment: its reports stop counting, and their readers cannot report it again. */
  async clear(m: EntityManager, commentId: string): Promise<void> {
    await m.query('UPDATE comment_reports SET cleared_at = now() WHERE comment_id = $1 AND cleared_at IS NULL', [commentId]);
  }

  exportOf(reporterId: string): Promise<Record<string, unknown>[]> {
    return this.dataSource.query('SELECT comment_id AS "commentId", reason, note, created_at AS "at" FROM comment_reports WHERE reporter_id = $1 ORDER BY created_at', [reporterId]);
  }
}
