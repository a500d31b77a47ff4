import { hasRole } from '../auth/roles';
import { AppError } from '../common/errors';
import type { User } from '../users/user.entity';
import type { LockedComment } from './comments.repository';
import { isPublic } from './visibility';

/** What a reader asks to do to an existing comment. */
export type CommentAction = 'edit' | 'delete' | 'restoration';

const FORBIDDEN: Record<CommentAction, { en: string; ko: string }> = {
  edit: { en: 'Only its author can edit a comment.', ko: '댓글은 작성자만 수정할 수 있습니다.' },
  delete: { en: 'Only its author or a moderator can delete a comment.', ko: '댓글은 작성자나 운영자만 삭제할 수 있습니다.' },
  restoration: { en: 'Only its author can ask for a comment to be restored.', ko: '복원 요청은 작성자만 할 수 있습니다.' },
};

/**
 * The one ownership check for changing a comment. Its author may edit,
 * delete and ask for restoration; a moderator may delete anyone's (and sees
 * comments readers cannot) but never edits or speaks for an author. What the
 * user may not even see is 404, so a guess learns nothing; a deleted comment
 * is gone for everyone.
 */
export function assertMayChange(user: Pick<User, 'id' | 'role'>, c: LockedComment | undefined, action: CommentAction): asserts c is LockedComment {
  const moderator = hasRole(user, ['moderator']);
  const own = c !== undefined && c.author_id === user.id;
  if (!c || c.status === 'deleted' || (!own && !isPublic(c) && !moderator)) throw AppError.notFound('comment');
  if (own) return;
  if (action === 'delete' && moderator) return;
  throw new AppError('FORBIDDEN', { message: FORBIDDEN[action] });
}
