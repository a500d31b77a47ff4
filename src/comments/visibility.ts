import type { CommentNotice, CommentStatus } from './comment.entity';

/**
 * What "visible to the public" means, defined once. Every kept counter, every
 * list and every check of "can readers see this" derives from it.
 *
 * - A top-level comment is public when published. A deleted one with replies
 *   stays as a bodiless placeholder so its thread keeps its shape.
 * - A thread is shown while its top-level comment is published or such a
 *   placeholder; while the top is held or hidden, its replies are out of
 *   sight (and out of the article's count) too, and come back with it.
 * - A reply is public when published in a shown thread.
 */
export const THREAD_SHOWN: readonly CommentStatus[] = ['published', 'deleted'];

export interface Placed {
  status: CommentStatus;
  parent_id: string | null;
  /** The status of the thread's top-level comment (its own for a top-level comment). */
  thread_status: CommentStatus;
}

export function threadShown(topStatus: CommentStatus): boolean {
  return THREAD_SHOWN.includes(topStatus);
}

export function isPublic(c: Placed): boolean {
  return c.status === 'published' && threadShown(c.thread_status);
}

/** The same rule in SQL, for a comment row `c` whose thread's top-level row is `t` (`c` itself for a top-level comment). */
export function publicSql(c: string, t: string): string {
  return `(${c}.status = 'published' AND ${t}.status IN (${THREAD_SHOWN.map((s) => `'${s}'`).join(', ')}))`;
}

/** Where a comment can move, and the notice its author sees in each state. */
export type CommentState =
  | { status: 'published'; notice?: null }
  | { status: 'pending'; notice?: 'awaiting_review' }
  | { status: 'hidden'; notice: Extract<CommentNotice, `hidden_by_${string}`> }
  | { status: 'deleted'; notice?: 'removed_by_moderator' | null };

export function noticeOf(state: CommentState): CommentNotice | null {
  if (state.status === 'pending') return 'awaiting_review';
  if (state.status === 'hidden') return state.notice;
  return state.status === 'deleted' ? (state.notice ?? null) : null;
}

/**
 * How the article's kept counters move when a comment goes from one state to
 * another. `replies` is the top-level comment's count of published replies,
 * which enter or leave the article's count with their thread.
 */
export function counterDeltas(
  c: { parent_id: string | null; thread_status: CommentStatus; reply_count: number },
  from: CommentStatus | null,
  to: CommentStatus,
): { comments: number; topLevel: number; parentReplies: number } {
  const published = (s: CommentStatus | null) => (s === 'published' ? 1 : 0);
  const self = published(to) - published(from);
  if (c.parent_id === null) {
    const shown = (s: CommentStatus | null) => (s !== null && threadShown(s) ? 1 : 0);
    return { comments: self + (shown(to) - shown(from)) * c.reply_count, topLevel: self, parentReplies: 0 };
  }
  return { comments: threadShown(c.thread_status) ? self : 0, topLevel: 0, parentReplies: self };
}
