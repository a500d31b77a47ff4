import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, query } from './api';
import { errorText, formatTime } from './format';
import { useTexts, type Texts } from './i18n';
import type { AuditEntry, Page, User } from './types';

/** What a reader of the log looks for first; the database keeps snapshots' keys in its own order. */
const FIRST = ['status', 'notice', 'role', 'displayName', 'suspendedUntil', 'suspensionReason', 'rule', 'strike'];
/** Fields every comment snapshot carries that say nothing about the decision. */
const QUIET = new Set(['agreeCount', 'disagreeCount', 'replyCount', 'myReaction', 'createdAt', 'articleId', 'parentId', 'id', 'authorId', 'author']);

/** The audit log, newest first, filtered by who acted or what was acted on. */
export function AuditLog({ me }: { me: User }) {
  const t = useTexts();
  const headingId = useId();
  const [actorDraft, setActorDraft] = useState('');
  const [targetDraft, setTargetDraft] = useState('');
  const [filter, setFilter] = useState({ actorId: '', targetId: '' });
  const [items, setItems] = useState<AuditEntry[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  const load = async (cursor: string | null) => {
    const g = cursor ? generation.current : ++generation.current;
    setLoading(true);
    try {
      const page = await api<Page<AuditEntry>>('GET', `/moderation/audit${query({ ...filter, limit: 50, cursor })}`);
      if (g !== generation.current) return;
      setItems((prev) => (cursor ? [...prev, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
      setError(null);
    } catch (e) {
      if (g === generation.current) setError(e);
    } finally {
      if (g === generation.current) setLoading(false);
    }
  };

  useEffect(() => {
    void load(null);
  }, [filter]);

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t.tabs.audit}</h2>
      <form
        class="filters"
        role="search"
        aria-label={t.auditFilters}
        onSubmit={(e) => {
          e.preventDefault();
          setFilter({ actorId: actorDraft.trim(), targetId: targetDraft.trim() });
        }}
      >
        <div class="field">
          <label for={`${headingId}-actor`}>{t.actorFilter}</label>
          <input id={`${headingId}-actor`} type="text" value={actorDraft} onInput={(e) => setActorDraft(e.currentTarget.value)} autocomplete="off" />
        </div>
        <div class="field">
          <label for={`${headingId}-target`}>{t.targetFilter}</label>
          <input id={`${headingId}-target`} type="text" value={targetDraft} onInput={(e) => setTargetDraft(e.currentTarget.value)} autocomplete="off" />
        </div>
        <button type="submit">{t.show}</button>
      </form>
      {error ? (
        <p class="outcome error" role="alert">
          {errorText(error, t)}
        </p>
      ) : !items.length ? (
        <p>{loading ? t.loading : t.auditEmpty}</p>
      ) : (
        <table class="audit" aria-labelledby={headingId} aria-busy={loading}>
          <thead>
            <tr>
              <th scope="col">{t.columns.at}</th>
              <th scope="col">{t.columns.actor}</th>
              <th scope="col">{t.columns.action}</th>
              <th scope="col">{t.columns.target}</th>
              <th scope="col">{t.columns.reason}</th>
              <th scope="col">{t.columns.change}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <tr key={e.id}>
                <td data-label={t.columns.at}>{formatTime(e.at, t)}</td>
                <td data-label={t.columns.actor}>
                  {t.actorKinds[e.actor.kind] ?? e.actor.kind}
                  {e.actor.id && (e.actor.id === me.id ? ` (${t.you})` : e.actor.displayName ? ` ${e.actor.displayName}` : <> <code>{e.actor.id}</code></>)}
                </td>
                <td data-label={t.columns.action}>{t.actions[e.action] ?? e.action}</td>
                <td data-label={t.columns.target}>
                  {t.targetTypes[e.target.type] ?? e.target.type} <code>{e.target.id}</code>
                </td>
                <td data-label={t.columns.reason}>{e.reason ?? '—'}</td>
                <td data-label={t.columns.change}>{changeOf(e, t) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {nextCursor && (
        <p class="more">
          <button type="button" onClick={() => void load(nextCursor)} disabled={loading}>
            {t.loadMore}
          </button>
        </p>
      )}
    </section>
  );
}

/** What changed, field by field ("status: pending → published"), leaving out what every snapshot repeats. */
function changeOf(entry: AuditEntry, t: Texts): string {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const rank = (k: string) => (FIRST.includes(k) ? FIRST.indexOf(k) : FIRST.length);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !QUIET.has(k)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .slice(0, 5)
    .map((k) => `${k}: ${show(before[k], t)} → ${show(after[k], t)}`)
    .join('; ');
}

function show(value: unknown, t: Texts): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') {
    if (/^\d{4}-\d\d-\d\dT/.test(value)) return formatTime(value, t);
    return value.length > 60 ? `${value.slice(0, 57)}…` : value;
  }
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
