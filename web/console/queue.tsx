import { useEffect, useId, useMemo, useRef, useState } from 'preact/hooks';
import { ApiError, api, query } from './api';
import { ConfirmDialog, type ConfirmRequest } from './confirm-dialog';
import { isAllowed, strikeRules } from './decisions';
import { errorText, formatTime } from './format';
import { useTexts, type Texts } from './i18n';
import { useQueueEvents, type LiveState } from './live';
import { QueueEntry, itemId } from './queue-item';
import type { Outcome } from './sanction-forms';
import { useShortcuts, type Command } from './shortcuts';
import type { AuditEntry, Claim, Comment, Decision, DecisionRecord, Page, PolicyRule, QueueEvent, QueueItem, QueueStatus, User } from './types';

const PAGE = 20;
/** How far a live refresh reads again, at most (the API's page limit is 100). */
const REFRESH_MAX = 300;
const STATUSES: QueueStatus[] = ['pending', 'reported', 'hidden', 'claims', 'names'];
/** Which list each kind of the moderation stream adds to. */
const LIST_OF: Record<string, QueueStatus> = {
  'comment.pending': 'pending',
  'comment.reported': 'reported',
  'comment.hidden': 'hidden',
  'claim.due': 'claims',
  'claim.restoration_requested': 'claims',
  'name.pending': 'names',
};
const ARTICLE_ID = '[A-Za-z0-9_.:\\-]{1,128}';

interface Props {
  active: boolean;
  me: User;
  rules: PolicyRule[];
  announce: (outcome: Outcome) => void;
}

/**
 * The queue: a list per status, optionally one article's; items arrive live
 * at the end without moving what the moderator is reading; decisions by
 * button or key, each through the reason prompt.
 */
export function Queue({ active, me, rules, announce }: Props) {
  const t = useTexts();
  const headingId = useId();
  const filterId = useId();
  const [status, setStatus] = useState<QueueStatus>('pending');
  const [articleId, setArticleId] = useState('');
  const [draft, setDraft] = useState('');
  const [items, setItems] = useState<QueueItem[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [resolved, setResolved] = useState<Record<string, Outcome>>({});
  const [threads, setThreads] = useState<Record<string, boolean>>({});
  const [elsewhere, setElsewhere] = useState<Partial<Record<QueueStatus, number>>>({});
  const [confirm, setConfirm] = useState<{ id: string; decision: Decision } | null>(null);
  const [focusTick, setFocusTick] = useState(0);

  const elements = useRef(new Map<string, HTMLElement>());
  const filterInput = useRef<HTMLInputElement>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);
  const latest = useRef({ items, nextCursor, status, articleId });
  latest.current = { items, nextCursor, status, articleId };
  /** Bumped on every new list: answers for an older one are dropped. */
  const generation = useRef(0);
  /** Decisions of this page in flight: the stream's echo of them is not news. */
  const deciding = useRef(new Set<string>());
  /** Ids the stream announced for the list shown, not yet read. */
  const heard = useRef(new Set<string>());
  const refreshing = useRef(false);
  const refreshAgain = useRef(false);
  const focusTarget = useRef<string | null>(null);

  const ruleMap = useMemo(() => new Map(rules.map((r) => [r.id, r])), [rules]);
  const find = (id: string) => latest.current.items.find((i) => itemId(i) === id);
  const focusItem = (id: string | null) => {
    focusTarget.current = id;
    setFocusTick((n) => n + 1);
  };
  useEffect(() => {
    if (focusTick === 0) return;
    const el = focusTarget.current ? elements.current.get(focusTarget.current) : listHeading.current;
    el?.focus();
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [focusTick]);

  const path = (cursor: string | null, limit: number) =>
    `/moderation/queue${query({ status: latest.current.status, articleId: latest.current.articleId, limit, cursor })}`;

  const loadFirst = async () => {
    const g = ++generation.current;
    heard.current.clear();
    setLoading(true);
    try {
      const page = await api<Page<QueueItem>>('GET', path(null, PAGE));
      if (g !== generation.current) return;
      setItems(page.items);
      setNextCursor(page.nextCursor);
      setSelected(page.items[0] ? itemId(page.items[0]) : null);
      setFresh(new Set());
      setResolved({});
      setLoadError(null);
    } catch (error) {
      if (g === generation.current) setLoadError(error);
    } finally {
      if (g === generation.current) setLoading(false);
    }
  };

  const loadMore = async () => {
    const cursor = latest.current.nextCursor;
    if (!cursor) return;
    const g = generation.current;
    setLoading(true);
    try {
      const page = await api<Page<QueueItem>>('GET', path(cursor, PAGE));
      if (g !== generation.current) return;
      const known = new Set(latest.current.items.map(itemId));
      setItems([...latest.current.items, ...page.items.filter((i) => !known.has(itemId(i)))]);
      setNextCursor(page.nextCursor);
    } catch (error) {
      announce({ text: errorText(error, t), error: true });
    } finally {
      setLoading(false);
    }
  };

  /**
   * Reads the list again from its start, as far as the moderator has loaded
   * and a little beyond, to pick up what the stream announced. What is
   * already shown keeps its place (its facts are updated); new items go at
   * the end. When the whole list was loaded, anything not shown yet is new.
   */
  const refresh = async () => {
    if (refreshing.current) {
      refreshAgain.current = true;
      return;
    }
    refreshing.current = true;
    try {
      do {
        refreshAgain.current = false;
        const g = generation.current;
        const before = latest.current;
        const want = Math.min(Math.max(before.items.length + 5, PAGE), REFRESH_MAX);
        const read: QueueItem[] = [];
        let cursor: string | null = null;
        do {
          const page: Page<QueueItem> = await api<Page<QueueItem>>('GET', path(cursor, Math.min(100, want - read.length)));
          read.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor && read.length < want);
        if (g !== generation.current) continue;
        const now = latest.current;
        const byId = new Map(read.map((i) => [itemId(i), i]));
        const known = new Set(now.items.map(itemId));
        const wholeList = now.nextCursor === null;
        const added = read.filter((i) => !known.has(itemId(i)) && !deciding.current.has(itemId(i)) && (wholeList || heard.current.has(itemId(i))));
        added.forEach((i) => heard.current.delete(itemId(i)));
        setItems([...now.items.map((i) => byId.get(itemId(i)) ?? i), ...added]);
        if (wholeList) setNextCursor(cursor);
        if (added.length) {
          setFresh((f) => new Set([...f, ...added.map(itemId)]));
          if (!now.items.length) setSelected(itemId(added[0]));
          announce({ text: t.announceNew(added.length) });
        }
      } while (refreshAgain.current);
    } catch (error) {
      announce({ text: errorText(error, t), error: true });
    } finally {
      refreshing.current = false;
    }
  };

  useEffect(() => {
    void loadFirst();
    setElsewhere((e) => ({ ...e, [status]: 0 }));
  }, [status, articleId]);

  /** Another moderator (or this moderator elsewhere) decided an item shown here: say what, and keep it in place. */
  const decidedElsewhere = async (event: QueueEvent) => {
    const item = find(event.id);
    if (!item || deciding.current.has(event.id)) return;
    if (item.kind === 'name') {
      setResolved((r) => ({ ...r, [event.id]: { text: t.nameDecidedElsewhere } }));
      return;
    }
    try {
      const log = await api<Page<AuditEntry>>('GET', `/moderation/audit${query({ targetId: event.id, limit: 1 })}`);
      const entry = log.items[0];
      const text = conflictText(entry ? { action: entry.action, actorId: entry.actor.id, actorName: entry.actor.displayName, at: entry.at, reason: entry.reason } : null, null, me, t);
      if (find(event.id) && !deciding.current.has(event.id)) setResolved((r) => ({ ...r, [event.id]: { text } }));
    } catch {
      // the decision will show as a conflict if this moderator tries one
    }
  };

  const live = useQueueEvents((event) => {
    if (event.kind === 'comment.decided' || event.kind === 'name.decided') {
      void decidedElsewhere(event);
      return;
    }
    const list = LIST_OF[event.kind];
    if (!list) return;
    if (list === latest.current.status) {
      heard.current.add(event.id);
      void refresh();
    } else setElsewhere((e) => ({ ...e, [list]: (e[list] ?? 0) + 1 }));
  });

  const select = (id: string) => {
    if (id === selected) return;
    setSelected(id);
    setFresh((f) => {
      if (!f.has(id)) return f;
      const next = new Set(f);
      next.delete(id);
      return next;
    });
  };

  const move = (delta: 1 | -1) => {
    if (!items.length) return;
    const i = items.findIndex((x) => itemId(x) === selected);
    const next = i === -1 ? (delta === 1 ? 0 : items.length - 1) : Math.max(0, Math.min(items.length - 1, i + delta));
    const id = itemId(items[next]);
    select(id);
    focusItem(id);
  };

  const threadOpen = (item: QueueItem) => item.kind === 'comment' && (threads[item.comment.id] ?? item.comment.parentId !== null);
  const toggleThread = (id: string) => {
    const item = find(id);
    if (!item || item.kind !== 'comment' || (item.comment.parentId === null && item.comment.replyCount === 0)) return;
    setThreads((th) => ({ ...th, [id]: !threadOpen(item) }));
  };

  const requestDecision = (id: string, decision: Decision) => {
    const item = find(id);
    if (!item) return;
    select(id);
    // Its state changed under this page: say so again rather than ask for a decision bound to fail.
    if (resolved[id]) {
      announce(resolved[id]);
      return;
    }
    if (item.kind === 'name') {
      if (decision === 'approve') setConfirm({ id, decision });
      else announce({ text: t.nameOnlyApprove, error: true });
      return;
    }
    if (!isAllowed(decision, item.comment.status)) {
      announce({ text: t.notAllowed(t.decisions[decision], t.statusNames[item.comment.status]), error: true });
      return;
    }
    setConfirm({ id, decision });
  };

  /** Takes a decided item out and puts the focus on the one that takes its place. */
  const remove = (id: string) => {
    const list = latest.current.items;
    const i = list.findIndex((x) => itemId(x) === id);
    const rest = list.filter((x) => itemId(x) !== id);
    setItems(rest);
    const next = rest[Math.min(Math.max(i, 0), rest.length - 1)];
    setSelected(next ? itemId(next) : null);
    focusItem(next ? itemId(next) : null);
  };

  const perform = async (reason: string, rule: string) => {
    const request = confirm;
    setConfirm(null);
    const item = request && find(request.id);
    if (!request || !item) return;
    const { id, decision } = request;
    deciding.current.add(id);
    try {
      if (item.kind === 'name') {
        const done = await api<{ displayName: string }>('POST', `/moderation/users/${id}/display-name/approve`, {});
        remove(id);
        announce({ text: t.nameApproved(done.displayName) });
      } else {
        await api('POST', `/moderation/comments/${id}/${decision}`, { ...(reason ? { reason } : {}), ...(rule ? { rule } : {}) });
        remove(id);
        announce({ text: t.done[decision] });
      }
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') {
        const details = error.details as { decision?: DecisionRecord | null; status?: string };
        const text = item.kind === 'name' ? t.nameDecidedElsewhere : conflictText(details.decision ?? null, details.status ?? null, me, t);
        setResolved((r) => ({ ...r, [id]: { text, error: true } }));
        announce({ text, error: true });
      } else announce({ text: errorText(error, t), error: true });
    } finally {
      deciding.current.delete(id);
    }
  };

  useShortcuts(active, (command: Command) => {
    if ('move' in command) move(command.move);
    else if ('filter' in command) filterInput.current?.focus();
    else if (!selected) announce({ text: t.nothingSelected, error: true });
    else if ('decide' in command) requestDecision(selected, command.decide);
    else toggleThread(selected);
  });

  const confirmRequest = useMemo((): ConfirmRequest | null => {
    if (!confirm) return null;
    const item = find(confirm.id);
    if (!item) return null;
    if (item.kind === 'name') return { title: t.approveName, quote: item.user.requestedName, withReason: false, confirmLabel: t.approveName };
    const strikes = confirm.decision === 'reject' || confirm.decision === 'delete';
    return {
      title: t.reasonPrompt(t.decisions[confirm.decision]),
      quote: item.comment.body,
      withReason: true,
      rules: strikes ? strikeRules(rules).map((r) => ({ id: r.id, label: `${r.title[t.lang]} (${r.id})` })) : undefined,
      ruleEmpty: confirm.decision === 'reject' ? t.ruleHeld : t.ruleNone,
      confirmLabel: t.decisions[confirm.decision],
    };
  }, [confirm, t, rules]);

  const handlers = {
    onSelect: select,
    onDecide: requestDecision,
    onToggleThread: toggleThread,
    onAuthor: (authorId: string, s: { until: string | null; reason: string | null }) =>
      setItems(
        latest.current.items.map((i) =>
          i.kind === 'comment' && i.author?.id === authorId ? { ...i, author: { ...i.author, suspendedUntil: s.until, suspensionReason: s.reason } } : i,
        ),
      ),
    onClaim: (id: string, opened: { claim: Claim; comment: Comment }) =>
      setItems(latest.current.items.map((i) => (i.kind === 'comment' && i.comment.id === id ? { ...i, claim: opened.claim, comment: opened.comment } : i))),
    register: (id: string, el: HTMLElement | null) => {
      if (el) elements.current.set(id, el);
      else elements.current.delete(id);
    },
  };

  return (
    <section aria-labelledby={headingId}>
      <form
        class="filters"
        role="search"
        aria-label={t.filters}
        onSubmit={(e) => {
          e.preventDefault();
          setArticleId(draft.trim());
        }}
      >
        <fieldset>
          <legend>{t.list}</legend>
          {STATUSES.map((s) => (
            <button key={s} type="button" class="chip" aria-pressed={status === s} onClick={() => setStatus(s)}>
              {t.statuses[s]}
              {!!elsewhere[s] && status !== s && <span class="badge">{t.newOnOtherList(elsewhere[s]!)}</span>}
            </button>
          ))}
        </fieldset>
        <div class="field">
          <label for={filterId}>
            {t.articleFilter} <kbd aria-hidden="true">/</kbd>
          </label>
          <input id={filterId} ref={filterInput} type="text" pattern={ARTICLE_ID} maxLength={128} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} aria-keyshortcuts="/" autocomplete="off" />
        </div>
        <button type="submit">{t.show}</button>
        <button type="button" onClick={() => void loadFirst()}>
          {t.refresh}
        </button>
      </form>
      <LiveLine state={live} t={t} />
      <h2 id={headingId} ref={listHeading} tabIndex={-1}>
        {t.statuses[status]}
        {articleId && (
          <>
            {' '}
            · <code>{articleId}</code>
          </>
        )}{' '}
        <span class="meta">({t.itemsShown(items.length)})</span>
      </h2>
      {loadError ? (
        <p class="outcome error">{errorText(loadError, t)}</p>
      ) : !items.length ? (
        <p>{loading ? t.loading : t.empty}</p>
      ) : (
        <ol class="queue" aria-labelledby={headingId} aria-busy={loading}>
          {items.map((item) => (
            <QueueEntry
              key={itemId(item)}
              item={item}
              selected={itemId(item) === selected}
              fresh={fresh.has(itemId(item))}
              resolved={resolved[itemId(item)] ?? null}
              threadOpen={threadOpen(item)}
              rules={ruleMap}
              {...handlers}
            />
          ))}
        </ol>
      )}
      {nextCursor && (
        <p class="more">
          <button type="button" onClick={() => void loadMore()} disabled={loading}>
            {t.loadMore}
          </button>
        </p>
      )}
      <ConfirmDialog request={confirmRequest} onConfirm={(reason, rule) => void perform(reason, rule)} onCancel={() => setConfirm(null)} />
    </section>
  );
}

function LiveLine({ state, t }: { state: LiveState; t: Texts }) {
  return <p class="live">{state === 'open' ? t.live : state === 'closed' ? t.liveStopped : t.liveConnecting}</p>;
}

/** The sentence for a decision that lost: what won, by whom, when, why. */
export function conflictText(decision: DecisionRecord | null, status: string | null, me: User, t: Texts): string {
  if (!decision) return t.stateChanged(status && status in t.statusNames ? t.statusNames[status as keyof Texts['statusNames']].toLowerCase() : (status ?? ''));
  const past = t.pastDecisions[decision.action] ?? decision.action;
  return t.decidedElsewhere(decision.actorId === me.id ? 'you' : 'other', past, formatTime(decision.at, t), decision.reason, decision.actorName);
}
