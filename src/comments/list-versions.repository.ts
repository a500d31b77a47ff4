import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Queryable } from '../database/read-routing';

/** Exported for bench/scale/baseline.ts, which runs the service's SQL. */
export const VERSION_AND_TOTAL = `SELECT (SELECT top_level_count FROM articles WHERE id = $1) AS total,
              (SELECT coalesce(max(id), 0) FROM comment_events WHERE article_id = $1)::text AS events,
              (SELECT coalesce(sum(n), 0) FROM list_versions WHERE article_id IN ($1, '*'))::text AS bumps`;

/** Slots a busy article's reactions spread their bumps over (see AddListVersions). */
const SLOTS = 8;

/**
 * The version of what an article's lists show, for their ETags, read without
 * touching a comment row: the article's latest comment_events id (each change
 * of a comment's state or text writes one, in id order, under the article's
 * lock) and the sum of its list_versions counters (reactions; names and
 * pictures, under article '*', kept by triggers). Read before the list it
 * tags, a version can only be older than the answer, never newer, so a 304
 * is never given for an answer that has since changed.
 */
@Injectable()
export class ListVersionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async of(articleId: string, db: Queryable = this.dataSource): Promise<string> {
    return (await this.withTotal(articleId, db)).version;
  }

  /**
   * The version with the list's `total` (the article's kept top-level count),
   * in one statement: an anonymous list then costs two (this, then its page).
   */
  async withTotal(articleId: string, db: Queryable = this.dataSource): Promise<{ version: string; total: number }> {
    const [row] = (await db.query(VERSION_AND_TOTAL, [articleId])) as { total: number | null; events: string; bumps: string }[];
    return { version: `${row.events}.${row.bumps}`, total: row.total ?? 0 };
  }

  /** A change lists show that writes no event (a reaction): inside its transaction. */
  async bump(m: EntityManager, articleId: string): Promise<void> {
    await m.query(
      `INSERT INTO list_versions (article_id, slot, n) VALUES ($1, $2, 1)
       ON CONFLICT (article_id, slot) DO UPDATE SET n = list_versions.n + 1`,
      [articleId, Math.floor(Math.random() * SLOTS)],
    );
  }
}
