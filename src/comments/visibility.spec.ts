import { counterDeltas, isPublic, noticeOf } from './visibility';

const top = (status: 'published' | 'pending' | 'hidden' | 'deleted', reply_count = 0) => ({ parent_id: null, thread_status: status, reply_count, status });
const reply = (status: 'published' | 'pending' | 'hidden' | 'deleted', thread_status: 'published' | 'pending' | 'hidden' | 'deleted') => ({
  parent_id: 'p',
  thread_status,
  reply_count: 0,
  status,
});

describe('visible to the public', () => {
  it('a published top-level comment is public; held, hidden and deleted ones are not', () => {
    expect(isPublic(top('published'))).toBe(true);
    for (const s of ['pending', 'hidden', 'deleted'] as const) expect(isPublic(top(s))).toBe(false);
  });

  it('a published reply is public while its thread shows: under a published top or a placeholder, not under a hidden or held one', () => {
    expect(isPublic(reply('published', 'published'))).toBe(true);
    expect(isPublic(reply('published', 'deleted'))).toBe(true);
    expect(isPublic(reply('published', 'hidden'))).toBe(false);
    expect(isPublic(reply('published', 'pending'))).toBe(false);
    expect(isPublic(reply('pending', 'published'))).toBe(false);
  });

  it('each state carries its notice', () => {
    expect(noticeOf({ status: 'pending' })).toBe('awaiting_review');
    expect(noticeOf({ status: 'hidden', notice: 'hidden_by_claim' })).toBe('hidden_by_claim');
    expect(noticeOf({ status: 'published' })).toBeNull();
    expect(noticeOf({ status: 'deleted' })).toBeNull();
  });
});

describe('counter deltas', () => {
  it('a new published comment counts once in the article and, as a reply, in its parent', () => {
    expect(counterDeltas(top('published'), null, 'published')).toEqual({ comments: 1, topLevel: 1, parentReplies: 0 });
    expect(counterDeltas(reply('published', 'published'), null, 'published')).toEqual({ comments: 1, topLevel: 0, parentReplies: 1 });
    expect(counterDeltas(top('pending'), null, 'pending')).toEqual({ comments: 0, topLevel: 0, parentReplies: 0 });
  });

  it('hiding a top-level comment takes its published replies out of the article count, and restoring brings them back', () => {
    expect(counterDeltas(top('published', 4), 'published', 'hidden')).toEqual({ comments: -5, topLevel: -1, parentReplies: 0 });
    expect(counterDeltas(top('hidden', 4), 'hidden', 'published')).toEqual({ comments: 5, topLevel: 1, parentReplies: 0 });
  });

  it('deleting a top-level comment keeps its replies counted: the thread stays as a placeholder', () => {
    expect(counterDeltas(top('published', 4), 'published', 'deleted')).toEqual({ comments: -1, topLevel: -1, parentReplies: 0 });
  });

  it('a reply in a hidden thread moves its parent’s reply count but not the article’s', () => {
    expect(counterDeltas(reply('published', 'hidden'), 'published', 'deleted')).toEqual({ comments: 0, topLevel: 0, parentReplies: -1 });
    expect(counterDeltas(reply('published', 'published'), 'published', 'deleted')).toEqual({ comments: -1, topLevel: 0, parentReplies: -1 });
  });

  it('a change between two states that are not public moves nothing', () => {
    expect(counterDeltas(top('pending'), 'pending', 'deleted')).toEqual({ comments: 0, topLevel: 0, parentReplies: 0 });
    expect(counterDeltas(top('hidden', 3), 'hidden', 'pending')).toEqual({ comments: 0, topLevel: 0, parentReplies: 0 });
  });

  it('deleting a held top-level comment that has replies shows its thread again, as a placeholder', () => {
    expect(counterDeltas(top('pending', 2), 'pending', 'deleted')).toEqual({ comments: 2, topLevel: 0, parentReplies: 0 });
  });
});
