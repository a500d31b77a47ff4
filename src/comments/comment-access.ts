import { hasRole } from '../auth/roles';
import { AppError } from '../common/errors';
import type { User } from '../users/user.entity';
import type { LockedComment } from './comments.repository';
import { isPublic } from './visibility';

/** What a reader asks to do to an existing comment. */
export type CommentAction = 'edit' | 'delete' | 'restoration';

const FORBIDDEN: Record<CommentAction, { en: string; ko: string }> = {
  edit: { en: 'Only its author can edit a comment.', ko: '댓글은 작성자만 수정할 수 있습니다.' },
  delete: { en: 'Only its author can delete a comment here.', ko: '이 경로로는 작성자만 댓글을 삭제할 수 있습니다.' },
  restoration: { en: 'Only its author can ask for a comment to be restored.', ko: '복원 요청은 작성자만 할 수 있습니다.' },
};

const MODERATOR_DELETE = {
  en: 'Moderators remove other readers’ comments with POST /moderation/comments/:id/delete, which records the decision.',
  ko: '운영자는 POST /moderation/comments/:id/delete 로 다른 독자의 댓글을 삭제합니다(결정이 기록됩니다).',
};

/**
 * The one ownership check for changing a comment through the readers'
 * routes: only its author edits, deletes or asks for restoration. A
 * moderator removes someone else's comment through the moderation route,
 * where the decision is audited and a rights claim closed; here they are
 * told so. What the user may not even see is 404, so a guess learns nothing
 * (moderators see every comment); a deleted comment is gone for everyone.
 */
export function assertMayChange(user: Pick<User, 'id' | 'role'>, c: LockedComment | undefined, action: CommentAction): asserts c is LockedComment {
  const moderator = hasRole(user, ['moderator']);
  const own = c !== undefined && c.author_id === user.id;
  if (!c || c.status === 'deleted' || (!own && !isPublic(c) && !moderator)) throw AppError.notFound('comment');
  if (own) return;
  throw new AppError('FORBIDDEN', {
    message: action === 'delete' && moderator ? MODERATOR_DELETE : FORBIDDEN[action],
    ...(action === 'delete' && moderator ? { details: { use: `/moderation/comments/${c.id}/delete` } } : {}),
  });
}
