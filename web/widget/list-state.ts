import type { Comment, Page, Sort } from './types';

/**
 * The comments a widget shows, and how each change lands: pages appended as
 * they load, the reader's own posts and edits in place, and live frames
 * merged without moving what the reader is reading (new top-level comments
 * wait behind a "show" button unless they belong at the very end).
 */
export interface Thread {
  open: boolean;
  loaded: boolean;
  items: Comment[];
  nextCursor: string | null;
}

export interface ListState {
  sort: Sort;
  status: 'loading' | 'ready' | 'failed';
  items: Comment[];
  nextCursor: string | null;
  /** Live arrivals waiting for the reader to ask for them. */
  fresh: Comment[];
  threads: Record<string, Thread>;
  /** Public comments and replies, for the heading. */
  count: number;
}

export type ListAction =
  | { type: 'reset'; sort: Sort }
  | { type: 'failed' }
  | { type: 'page'; page: Page; append: boolean }
  | { type: 'count'; count: number }
  | { type: 'showFresh' }
  | { type: 'posted'; comment: Comment }
  | { type: 'changed'; comment: Comment }
  | { type: 'patch'; id: string; patch: Partial<Comment> }
  | { type: 'deleted'; id: string }
  | { type: 'thread'; id: string; open: boolean }
  | { type: 'replies'; id: string; page: Page; append: boolean }
  | { type: 'live'; kind: 'created' | 'updated' | 'deleted'; comment: Comment };

export const initialList = (sort: Sort): ListState => ({ sort, status: 'loading', items: [], nextCursor: null, fresh: [], threads: {}, count: 0 });

const emptyThread: Thread = { open: false, loaded: false, items: [], nextCursor: null };

function mapAll(s: ListState, id: string, f: (c: Comment) => Comment): ListState {
  const map = (list: Comment[]) => (list.some((c) => c.id === id) ? list.map((c) => (c.id === id ? f(c) : c)) : list);
  const threads: Record<string, Thread> = {};
  for (const [key, thread] of Object.entries(s.threads)) threads[key] = { ...thread, items: map(thread.items) };
  return { ...s, items: map(s.items), fresh: map(s.fresh), threads };
}

function find(s: ListState, id: string): Comment | undefined {
  return s.items.find((c) => c.id === id) ?? s.fresh.find((c) => c.id === id) ?? Object.values(s.threads).flatMap((t) => t.items).find((c) => c.id === id);
}

function withoutDuplicates(list: Comment[], more: Comment[]): Comment[] {
  const seen = new Set(list.map((c) => c.id));
  return list.concat(more.filter((c) => !seen.has(c.id)));
}

function bumpReplies(s: ListState, parentId: string, by: number): ListState {
  return mapAll(s, parentId, (c) => ({ ...c, replyCount: Math.max(0, c.replyCount + by) }));
}

/** What a deleted comment becomes: a placeholder where replies hang on it, nothing otherwise. */
function removeComment(s: ListState, gone: Comment): ListState {
  if (gone.parentId) {
    const thread = s.threads[gone.parentId];
    const next = thread ? { ...s, threads: { ...s.threads, [gone.parentId]: { ...thread, items: thread.items.filter((c) => c.id !== gone.id) } } } : s;
    return gone.status === 'published' ? bumpReplies(next, gone.parentId, -1) : next;
  }
  if (gone.replyCount > 0) {
    return mapAll(s, gone.id, (c) => ({ ...c, status: 'deleted', body: '', author: null, editedAt: null, notice: null, agreeCount: 0, disagreeCount: 0, myReaction: null }));
  }
  return { ...s, items: s.items.filter((c) => c.id !== gone.id), fresh: s.fresh.filter((c) => c.id !== gone.id) };
}

/** A live frame is what anyone sees: the reader's own reaction and notice are kept from what we had. */
const mergeLive = (had: Comment, frame: Comment): Comment => ({ ...had, ...frame, myReaction: had.myReaction, replyCount: Math.max(had.replyCount, frame.replyCount) });

export function listReducer(s: ListState, a: ListAction): ListState {
  switch (a.type) {
    case 'reset':
      return { ...initialList(a.sort), count: s.count };
    case 'failed':
      return { ...s, status: 'failed' };
    case 'page':
      return {
        ...s,
        status: 'ready',
        items: a.append ? withoutDuplicates(s.items, a.page.items) : a.page.items,
        nextCursor: a.page.nextCursor,
        fresh: a.append ? s.fresh.filter((c) => !a.page.items.some((p) => p.id === c.id)) : [],
        threads: a.append ? s.threads : {},
      };
    case 'count':
      return { ...s, count: a.count };
    case 'showFresh':
      return { ...s, items: withoutDuplicates(s.fresh, s.items), fresh: [] };
    case 'posted': {
      const c = a.comment;
      const counted = c.status === 'published' ? 1 : 0;
      if (c.parentId) {
        const thread = s.threads[c.parentId] ?? emptyThread;
        // Its live frame may have come first and counted it already.
        if (thread.items.some((x) => x.id === c.id)) return mapAll({ ...s, threads: { ...s.threads, [c.parentId]: { ...thread, open: true } } }, c.id, () => c);
        const next = { ...s, count: s.count + counted, threads: { ...s.threads, [c.parentId]: { ...thread, open: true, items: [...thread.items, c] } } };
        return counted ? bumpReplies(next, c.parentId, 1) : next;
      }
      if (s.items.some((x) => x.id === c.id)) return mapAll(s, c.id, () => c);
      // Its own live frame may have come first and be waiting among the arrivals: the reader's post is shown, not queued.
      const queued = s.fresh.some((x) => x.id === c.id);
      const base = { ...s, count: s.count + (queued ? 0 : counted), fresh: s.fresh.filter((x) => x.id !== c.id) };
      // Newest first: it belongs on top. Otherwise at the end of what is loaded, where the reader will look for it.
      return { ...base, items: s.sort === 'newest' ? [c, ...s.items] : [...s.items, c] };
    }
    case 'changed':
      return mapAll(s, a.comment.id, (c) => ({ ...a.comment, replyCount: c.replyCount }));
    case 'patch':
      return mapAll(s, a.id, (c) => ({ ...c, ...a.patch }));
    case 'deleted': {
      const gone = find(s, a.id);
      if (!gone) return s;
      return { ...removeComment(s, gone), count: s.count - (gone.status === 'published' ? 1 : 0) };
    }
    case 'thread': {
      const thread = s.threads[a.id] ?? emptyThread;
      return { ...s, threads: { ...s.threads, [a.id]: { ...thread, open: a.open } } };
    }
    case 'replies': {
      const thread = s.threads[a.id] ?? emptyThread;
      const items = a.append ? withoutDuplicates(thread.items, a.page.items) : withoutDuplicates(a.page.items, thread.items.filter((c) => c.status !== 'published'));
      return { ...s, threads: { ...s.threads, [a.id]: { open: true, loaded: true, items, nextCursor: a.page.nextCursor } } };
    }
    case 'live':
      return live(s, a.kind, a.comment);
  }
}

function live(s: ListState, kind: 'created' | 'updated' | 'deleted', frame: Comment): ListState {
  const had = find(s, frame.id);
  if (kind === 'updated') return had ? mapAll(s, frame.id, (c) => mergeLive(c, frame)) : s;
  if (kind === 'deleted') {
    if (!had) return s;
    return { ...removeComment(s, { ...had, replyCount: Math.max(had.replyCount, frame.replyCount) }), count: s.count - (had.status === 'published' ? 1 : 0) };
  }
  // created: a comment became public. One we already show (our own, approved) changes in place.
  if (had) {
    const next = mapAll(s, frame.id, (c) => mergeLive(c, frame));
    if (had.status === 'published') return next;
    const counted = { ...next, count: next.count + 1 };
    return frame.parentId ? bumpReplies(counted, frame.parentId, 1) : counted;
  }
  const counted = { ...s, count: s.count + 1 };
  if (frame.parentId) {
    const thread = s.threads[frame.parentId];
    const next = thread?.loaded && !thread.nextCursor ? { ...counted, threads: { ...s.threads, [frame.parentId]: { ...thread, items: [...thread.items, frame] } } } : counted;
    return bumpReplies(next, frame.parentId, 1);
  }
  if (s.sort !== 'newest' && !s.nextCursor && s.status === 'ready') return { ...counted, items: [...s.items, frame] };
  if (s.sort === 'newest') return { ...counted, fresh: [frame, ...s.fresh] };
  return counted;
}
