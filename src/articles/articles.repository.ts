import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Queryable } from '../database/read-routing';
import type { Article, ModerationMode } from './article.entity';

/** The columns a CMS or a moderator may set. */
export interface ArticleSettings {
  url?: string | null;
  title?: string | null;
  commentsOpen?: boolean;
  moderation?: ModerationMode;
}

/** What posting reads of an article's settings. */
export type ArticleSettingsRead = Pick<Article, 'commentsOpen' | 'moderation'>;

const COLUMN: Record<keyof ArticleSettings, string> = { url: 'url', title: 'title', commentsOpen: 'comments_open', moderation: 'moderation' };

interface ArticleRow {
  id: string;
  url: string | null;
  title: string | null;
  comments_open: boolean;
  moderation: ModerationMode;
  comment_count: number;
  top_level_count: number;
  created_at: Date;
  updated_at: Date;
}

function toArticle(r: ArticleRow): Article {
  return {
    id: r.id,
    url: r.url,
    title: r.title,
    commentsOpen: r.comments_open,
    moderation: r.moderation,
    commentCount: r.comment_count,
    topLevelCount: r.top_level_count,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Every statement on the `articles` table. The kept counters (comment_count,
 * top_level_count) are moved only by the comment lifecycle, through
 * adjustCounts, in the transaction that changes the comment.
 *
 * Lock order, for every writer in the service: article rows first (several at
 * once in id order), then comment rows. Two writers can then never wait on
 * each other in a circle. Posting is the one writer that takes its article's
 * lock late (lockAndCount, at the end of its transaction, so that posts on a
 * busy article do not queue for each other's whole transaction); until then
 * it holds no comment row but its own, and after it only the thread's.
 */
@Injectable()
export class ArticlesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(id: string, m: Queryable = this.dataSource.manager): Promise<Article | null> {
    const rows: ArticleRow[] = await m.query('SELECT * FROM articles WHERE id = $1', [id]);
    return rows[0] ? toArticle(rows[0]) : null;
  }

  /** Published counts of the articles that exist, in one statement. */
  async commentCounts(ids: string[], db: Queryable = this.dataSource): Promise<Map<string, number>> {
    const rows: { id: string; comment_count: number }[] = await db.query('SELECT id, comment_count FROM articles WHERE id = ANY($1::varchar[])', [ids]);
    return new Map(rows.map((r) => [r.id, r.comment_count]));
  }

  /** A list's `total`: published top-level comments. */
  async topLevelCount(id: string, db: Queryable = this.dataSource): Promise<number> {
    const rows: { top_level_count: number }[] = await db.query('SELECT top_level_count FROM articles WHERE id = $1', [id]);
    return rows[0]?.top_level_count ?? 0;
  }

  /** Only the settings that were sent change; counters are never a caller's to set. */
  async upsert(m: EntityManager, id: string, settings: ArticleSettings): Promise<void> {
    const sent = (Object.keys(COLUMN) as (keyof ArticleSettings)[]).filter((k) => settings[k] !== undefined);
    const columns = sent.map((k) => COLUMN[k]);
    const set = columns.map((c) => `"${c}" = EXCLUDED."${c}"`).concat('"updated_at" = now()');
    await m.query(
      `INSERT INTO articles (id${columns.map((c) => `, "${c}"`).join('')})
       VALUES ($1${sent.map((_, i) => `, $${i + 2}`).join('')})
       ON CONFLICT (id) DO UPDATE SET ${set.join(', ')}`,
      [id, ...sent.map((k) => settings[k])],
    );
  }

  /** The article a comment is about to be written under, created with the defaults if unknown; not locked (see CommentsService.post). */
  async ensureForComment(m: EntityManager, id: string): Promise<ArticleSettingsRead> {
    await m.query('INSERT INTO articles (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [id]);
    const [row] = (await m.query('SELECT comments_open, moderation FROM articles WHERE id = $1', [id])) as ArticleRow[];
    return { commentsOpen: row.comments_open, moderation: row.moderation };
  }

  /**
   * Locks existing articles, several at once in id order (the lock order every
   * writer keeps). FOR NO KEY UPDATE, not FOR UPDATE: it must not wait on the
   * key-share locks that inserting a comment or an event takes through their
   * foreign keys, since posts now lock the article only at their end.
   */
  async lock(m: EntityManager, ids: string[]): Promise<void> {
    const sorted = [...new Set(ids)].sort();
    if (sorted.length) await m.query('SELECT 1 FROM articles WHERE id = ANY($1::varchar[]) ORDER BY id FOR NO KEY UPDATE', [sorted]);
  }

  /**
   * Moves the counters and so takes the article's row lock, which the caller
   * then holds until commit; answers the settings as they are now (the row's
   * latest version), for a writer that read them before it had the lock.
   */
  async lockAndCount(m: EntityManager, id: string, comments: number, topLevel: number): Promise<ArticleSettingsRead> {
    const [[row]] = (await m.query(
      'UPDATE articles SET comment_count = comment_count + $2, top_level_count = top_level_count + $3 WHERE id = $1 RETURNING comments_open, moderation',
      [id, comments, topLevel],
    )) as [ArticleRow[], number];
    return { commentsOpen: row.comments_open, moderation: row.moderation };
  }

  async adjustCounts(m: EntityManager, id: string, comments: number, topLevel: number): Promise<void> {
    if (comments === 0 && topLevel === 0) return;
    await m.query('UPDATE articles SET comment_count = comment_count + $2, top_level_count = top_level_count + $3 WHERE id = $1', [id, comments, topLevel]);
  }
}
