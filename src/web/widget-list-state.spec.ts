import { initialList, listReducer, type ListAction, type ListState } from '../../web/widget/list-state';
import type { Comment, Page } from '../../web/widget/types';

/**
 * The widget's list (web/widget/list-state.ts) is plain data in, data out:
 * how pages, the reader's own posts and live frames land, checked here
 * without a browser. The browser test drives the same code end to end.
 */
let n = 0;
function comment(over: Partial<Comment> = {}): Comment {
  n++;
  return {
    id: `c${n}`,
    articleId: 'a1',
    parentId: null,
    author: { id: 'u1', displayName: 'Reader', avatarUrl: null, provider: 'twitter' },
    body: `comment ${n}`,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
    editedAt: null,
    status: 'published',
    agreeCount: 0,
    disagreeCount: 0,
    replyCount: 0,
    myReaction: null,
    notice: null,
    ...over,
  };
}

const page = (items: Comment[], nextCursor: string | null = null): Page => ({ items, nextCursor, total: items.length });
const run = (state: ListState, ...actions: ListAction[]) => actions.reduce(listReducer, state);
const ids = (list: Comment[]) => list.map((c) => c.id);

function loaded(sort: 'newest' | 'oldest' | 'agreed', items: Comment[], nextCursor: string | null = null): ListState {
  return run(initialList(sort), { type: 'count', count: items.length }, { type: 'page', page: page(items, nextCursor), append: false });
}

describe('the widget’s list of comments', () => {
  it('shows the reader’s own post on top at once, counted once, even when its live frame came first', () => {
    const [a, b] = [comment(), comment()];
    const mine = comment({ body: 'mine' });
    const s = run(loaded('newest', [b, a]), { type: 'live', kind: 'created', comment: { ...mine, myReaction: null } }, { type: 'posted', comment: mine });
    expect(ids(s.items)).toEqual([mine.id, b.id, a.id]);
    expect(s.fresh).toEqual([]);
    expect(s.count).toBe(3);
    // And the other way round: the frame after the answer changes nothing.
    const t = run(loaded('newest', [b, a]), { type: 'posted', comment: mine }, { type: 'live', kind: 'created', comment: mine });
    expect([ids(t.items), t.fresh, t.count]).toEqual([[mine.id, b.id, a.id], [], 3]);
  });

  it('keeps others’ new comments behind "show" when newest first, and puts them on top only when asked', () => {
    const [a, b] = [comment(), comment()];
    const theirs = comment({ author: { id: 'u2', displayName: 'Other', avatarUrl: null, provider: 'facebook' } });
    const s = run(loaded('newest', [b, a]), { type: 'live', kind: 'created', comment: theirs });
    expect(ids(s.items)).toEqual([b.id, a.id]);
    expect(ids(s.fresh)).toEqual([theirs.id]);
    expect(s.count).toBe(3);
    const shown = run(s, { type: 'showFresh' });
    expect([ids(shown.items), shown.fresh]).toEqual([[theirs.id, b.id, a.id], []]);
  });

  it('oldest first: a new comment joins the end when all is loaded, and waits for "load more" otherwise', () => {
    const [a, b, c] = [comment(), comment(), comment()];
    expect(ids(run(loaded('oldest', [a, b]), { type: 'live', kind: 'created', comment: c }).items)).toEqual([a.id, b.id, c.id]);
    const partial = run(loaded('oldest', [a], 'cursor'), { type: 'live', kind: 'created', comment: c });
    expect([ids(partial.items), partial.fresh, partial.count]).toEqual([[a.id], [], 2]);
  });

  it('an approved comment of the reader’s own turns published in place, its notice gone, and now counts', () => {
    const a = comment();
    const held = comment({ status: 'pending', notice: 'awaiting_review' });
    const s = run(loaded('newest', [held, a]), { type: 'count', count: 1 }, { type: 'live', kind: 'created', comment: { ...held, status: 'published', notice: null } });
    expect(s.items.map((c) => [c.id, c.status, c.notice])).toEqual([
      [held.id, 'published', null],
      [a.id, 'published', null],
    ]);
    expect(s.count).toBe(2);
  });

  it('a live frame keeps the reader’s own reaction, which the anonymous frame does not carry', () => {
    const a = comment({ myReaction: 'agree', agreeCount: 1 });
    const s = run(loaded('newest', [a]), { type: 'live', kind: 'updated', comment: { ...a, body: 'edited', editedAt: a.createdAt, myReaction: null } });
    expect(s.items[0]).toMatchObject({ body: 'edited', myReaction: 'agree' });
  });

  it('a deleted comment with replies stays as a bodiless placeholder without counts; one without replies leaves', () => {
    const lone = comment({ agreeCount: 2 });
    const parent = comment({ replyCount: 1, agreeCount: 4, myReaction: 'agree' });
    const s = run(loaded('newest', [parent, lone]), { type: 'live', kind: 'deleted', comment: { ...lone, status: 'deleted', body: '', author: null } }, { type: 'deleted', id: parent.id });
    expect(ids(s.items)).toEqual([parent.id]);
    expect(s.items[0]).toMatchObject({ status: 'deleted', body: '', author: null, agreeCount: 0, disagreeCount: 0, myReaction: null, replyCount: 1 });
    expect(s.count).toBe(0);
  });

  it('replies: a live one joins an open, fully loaded thread once; the reader’s own is not counted twice', () => {
    const parent = comment();
    const first = comment({ parentId: parent.id });
    let s = run(loaded('newest', [parent]), { type: 'replies', id: parent.id, page: page([first]), append: false }, { type: 'patch', id: parent.id, patch: { replyCount: 1 } });
    const live = comment({ parentId: parent.id });
    const mine = comment({ parentId: parent.id });
    s = run(s, { type: 'live', kind: 'created', comment: live }, { type: 'live', kind: 'created', comment: mine }, { type: 'posted', comment: mine });
    expect(ids(s.threads[parent.id].items)).toEqual([first.id, live.id, mine.id]);
    expect(s.items[0].replyCount).toBe(3);
    expect(s.count).toBe(3);
  });

  it('"load more" appends the next page without repeating what is shown', () => {
    const [a, b, c] = [comment(), comment(), comment()];
    const s = run(loaded('newest', [c, b], 'cursor'), { type: 'page', page: page([b, a]), append: true });
    expect(ids(s.items)).toEqual([c.id, b.id, a.id]);
    expect(s.nextCursor).toBeNull();
  });
});
