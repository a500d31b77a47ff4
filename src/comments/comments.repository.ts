import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors';
import { CommentPage, CommentRow, toCommentView } from './dto/comment.view';
import { CommentSort, decodeCursor, encodeCursor } from './cursor';

/**
 * The read side: every list is one keyset query (comments, authors and the
 * reader's own reactions joined) plus, for `total`, one primary-key read of a
 * kept counter. No OFFSET, no per-row queries.
 */
const SELECT = `
  SELECT c.id, c.article_id, c.parent_id, c.author_id, c.body, c.status, c.notice,
         c.agree_count, c.disagree_count, c.reply_count, c.created_at, c.created_at::text AS created_key, c.edited_at,
         u.display_name AS author_name, u.avatar_url AS author_avatar,
         (SELECT i.provider FROM user_identities i WHERE i.user_id = c.author_id ORDER BY i.updated_at DESC LIMIT 1) AS author_provider,
         r.value AS my_reaction
    FROM comments c
    LEFT JOIN users u ON u.id = c.author_id
    LEFT JOIN comment_reactions r ON r.comment_id = c.id AND r.user_id = $2::uuid`;

/** Public: published comments and placeholders with visible replies; the viewer also sees their own pending and hidden ones. */
const VISIBLE = `(c.status = 'published' OR (c.status = 'deleted' AND c.reply_count > 0) OR (c.author_id = $2::uuid AND c.status IN ('pending', 'hidden')))`;

const ORDER: Record<CommentSort, { order: string; after: string }> = {
  newest: { order: 'c.created_at DESC, c.id DESC', after: '(c.created_at, c.id) < ($4::timestamptz, $5::uuid)' },
  oldest: { order: 'c.created_at ASC, c.id ASC', after: '(c.created_at, c.id) > ($4::timestamptz, $5::uuid)' },
  agreed: { order: 'c.agree_count DESC, c.created_at DESC, c.id DESC', after: '(c.agree_count, c.created_at, c.id) < ($6::int, $4::timestamptz, $5::uuid)' },
};

/** The top-level list statement: $1 article, $2 viewer, $3 limit + 1, then the cursor's keys. Exported for bench:pages' EXPLAIN. */
export function topLevelStatement(sort: CommentSort, withCursor: boolean): string {
  const { order, after } = ORDER[sort];
  return `${SELECT}
          WHERE c.article_id = $1 AND c.parent_id IS NULL AND ${VISIBLE} ${withCursor ? `AND ${after}` : ''}
          ORDER BY ${order} LIMIT $3`;
}

@Injectable()
export class CommentQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async topLevel(articleId: string, sort: CommentSort, limit: number, cursor: string | undefined, viewerId: string | null): Promise<CommentPage> {
    const scope = `${articleId}:${sort}`;
    const after = decodeCursor(cursor, scope);
    const params: unknown[] = [articleId, viewerId, limit + 1];
    if (after) params.push(after.t, after.id, ...(sort === 'agreed' ? [after.a] : []));
    const [rows, article] = await Promise.all([
      this.dataSource.query(topLevelStatement(sort, after !== null), params) as Promise<CommentRow[]>,
      this.dataSource.query('SELECT top_level_count FROM articles WHERE id = $1', [articleId]) as Promise<{ top_level_count: number }[]>,
    ]);
    return this.page(rows, limit, viewerId, article[0]?.top_level_count ?? 0, (last) =>
      encodeCursor(scope, { t: last.created_key, id: last.id, ...(sort === 'agreed' ? { a: last.agree_count } : {}) }),
    );
  }

  async replies(commentId: string, limit: number, cursor: string | undefined, viewerId: string | null): Promise<CommentPage> {
    const parent: { parent_id: string | null; status: string; reply_count: number; author_id: string | null }[] = await this.dataSource.query(
      'SELECT parent_id, status, reply_count, author_id FROM comments WHERE id = $1',
      [commentId],
    );
    const p = parent[0];
    const visible = p && p.parent_id === null && (p.status === 'published' || p.status === 'deleted' || (viewerId !== null && p.author_id === viewerId));
    if (!visible) throw AppError.notFound('comment');
    const scope = `${commentId}:replies`;
    const after = decodeCursor(cursor, scope);
    const params: unknown[] = [commentId, viewerId, limit + 1];
    if (after) params.push(after.t, after.id);
    const rows: CommentRow[] = await this.dataSource.query(
      `${SELECT}
        WHERE c.parent_id = $1 AND (c.status = 'published' OR (c.author_id = $2::uuid AND c.status IN ('pending', 'hidden')))
        ${after ? `AND ${ORDER.oldest.after}` : ''}
        ORDER BY ${ORDER.oldest.order} LIMIT $3`,
      params,
    );
    return this.page(rows, limit, viewerId, p.reply_count, (last) => encodeCursor(scope, { t: last.created_key, id: last.id }));
  }

  /** The reader's own comments, every status, newest first. */
  async byAuthor(authorId: string, limit: number, cursor: string | undefined): Promise<CommentPage> {
    const scope = `${authorId}:mine`;
    const after = decodeCursor(cursor, scope);
    const params: unknown[] = [authorId, authorId, limit + 1];
    if (after) params.push(after.t, after.id);
    const [rows, total] = await Promise.all([
      this.dataSource.query(
        `${SELECT} WHERE c.author_id = $1 ${after ? `AND ${ORDER.newest.after}` : ''} ORDER BY ${ORDER.newest.order} LIMIT $3`,
        params,
      ) as Promise<CommentRow[]>,
      this.dataSource.query('SELECT count(*)::int AS n FROM comments WHERE author_id = $1', [authorId]) as Promise<{ n: number }[]>,
    ]);
    const page = this.page(rows, limit, authorId, total[0].n, (last) => encodeCursor(scope, { t: last.created_key, id: last.id }));
    // Their own deleted comments are shown to them as deleted, not as someone else's placeholder.
    return page;
  }

  async one(commentId: string, viewerId: string | null, m: EntityManager = this.dataSource.manager): Promise<CommentRow | undefined> {
    const rows: CommentRow[] = await m.query(`${SELECT} WHERE c.id = $1`, [commentId, viewerId]);
    return rows[0];
  }

  private page(rows: CommentRow[], limit: number, viewerId: string | null, total: number, cursorOf: (row: CommentRow) => string): CommentPage {
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    return {
      items: items.map((r) => toCommentView(r, viewerId)),
      nextCursor: more ? cursorOf(items[items.length - 1]) : null,
      total,
    };
  }
}
