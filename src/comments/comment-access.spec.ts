import { AppError } from '../common/errors';
import type { LockedComment } from './comments.repository';
import { assertMayChange, type CommentAction } from './comment-access';

const author = { id: 'author', role: 'reader' as const };
const other = { id: 'other', role: 'reader' as const };
const moderator = { id: 'mod', role: 'moderator' as const };
const admin = { id: 'admin', role: 'admin' as const };

function comment(status: LockedComment['status'], thread_status = status): LockedComment {
  return {
    id: 'c',
    article_id: 'a',
    parent_id: null,
    author_id: 'author',
    status,
    thread_status,
    notice: null,
    reply_count: 0,
    created_at: new Date(),
    restoration_requested_at: null,
  };
}

function outcome(user: { id: string; role: 'reader' | 'moderator' | 'admin' }, c: LockedComment | undefined, action: CommentAction): string {
  try {
    assertMayChange(user, c, action);
    return 'ok';
  } catch (error) {
    return (error as AppError).code;
  }
}

describe('who may change a comment (one check for edit, delete and restoration)', () => {
  it.each(['edit', 'delete', 'restoration'] as const)('its author may %s their own comment, published or not', (action) => {
    for (const status of ['published', 'pending', 'hidden'] as const) expect(outcome(author, comment(status), action)).toBe('ok');
  });

  it('another reader may do none of it: 403 on a public comment, 404 on one they cannot see', () => {
    for (const action of ['edit', 'delete', 'restoration'] as const) {
      expect(outcome(other, comment('published'), action)).toBe('FORBIDDEN');
      expect(outcome(other, comment('hidden'), action)).toBe('NOT_FOUND');
      expect(outcome(other, comment('pending'), action)).toBe('NOT_FOUND');
    }
  });

  it('a moderator changes nobody’s comment through the readers’ routes (the moderation route records decisions), but sees it: 403, not 404', () => {
    for (const u of [moderator, admin]) {
      expect(outcome(u, comment('published'), 'delete')).toBe('FORBIDDEN');
      expect(outcome(u, comment('hidden'), 'delete')).toBe('FORBIDDEN');
      expect(outcome(u, comment('published'), 'edit')).toBe('FORBIDDEN');
      expect(outcome(u, comment('hidden'), 'edit')).toBe('FORBIDDEN');
      expect(outcome(u, comment('hidden'), 'restoration')).toBe('FORBIDDEN');
    }
  });

  it('a deleted or missing comment is 404 for everyone, its author and moderators included', () => {
    for (const u of [author, other, moderator]) {
      expect(outcome(u, comment('deleted'), 'delete')).toBe('NOT_FOUND');
      expect(outcome(u, undefined, 'edit')).toBe('NOT_FOUND');
    }
  });

  it('a published reply in a hidden thread is not public: another reader gets 404', () => {
    const reply = { ...comment('published', 'hidden'), parent_id: 'top' };
    expect(outcome(other, reply, 'edit')).toBe('NOT_FOUND');
  });
});
