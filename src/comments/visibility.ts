import type { EntityManager } from 'typeorm';
import type { CommentStatus } from './comment.entity';

export interface LockedComment {
  id: string;
  article_id: string;
  parent_id: string | null;
  author_id: string | null;
  status: CommentStatus;
  notice: string | null;
  created_at: Date;
}

/**
 * Locks a comment for a change that may move counters. Every writer locks the
 * article row first, then comments: one order everywhere, so posting a reply
 * and deleting its parent at once cannot deadlock.
 */
export async function lockComment(m: EntityManager, commentId: string): Promise<LockedComment | undefined> {
  const [ref] = (await m.query('SELECT article_id FROM comments WHERE id = $1', [commentId])) as { article_id: string }[];
  if (!ref) return undefined;
  await m.query('SELECT 1 FROM articles WHERE id = $1 FOR UPDATE', [ref.article_id]);
  const [c] = (await m.query('SELECT id, article_id, parent_id, author_id, status, notice, created_at FROM comments WHERE id = $1 FOR UPDATE', [commentId])) as LockedComment[];
  return c;
}

/**
 * Every change of a comment's status goes through here, inside the
 * transaction that makes it, so the kept counters (the article's comment and
 * top-level counts, the parent's reply count) cannot drift from the rows.
 */
export async function applyStatusChange(
  m: EntityManager,
  comment: { article_id: string; parent_id: string | null },
  from: CommentStatus | null,
  to: CommentStatus | null,
): Promise<void> {
  const delta = (to === 'published' ? 1 : 0) - (from === 'published' ? 1 : 0);
  if (delta === 0) return;
  await m.query(
    `UPDATE articles SET comment_count = comment_count + $2, top_level_count = top_level_count + $3 WHERE id = $1`,
    [comment.article_id, delta, comment.parent_id === null ? delta : 0],
  );
  if (comment.parent_id !== null) {
    await m.query('UPDATE comments SET reply_count = reply_count + $2 WHERE id = $1', [comment.parent_id, delta]);
  }
}
