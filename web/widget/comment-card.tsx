import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../shared/http';
import { fullTime, relativeTime } from '../shared/format';
import type { Client } from './client';
import { Composer, nextId } from './composer';
import { describeError, explainRefusal, suspensionOf, type Told } from './errors';
import type { ListAction } from './list-state';
import type { Lang, Texts } from './texts';
import type { Comment, Reaction, ReportReason, Suspension, User } from './types';

export interface CardContext {
  t: Texts;
  lang: Lang;
  client: Client;
  me: User | null;
  now: number;
  dispatch: (a: ListAction) => void;
  announce: (text: string) => void;
  openPolicy: (e?: Event) => void;
  onSuspended: (s: Suspension) => void;
  claimHideDays: number;
  /** The server's EDIT_WINDOW_SECONDS, from GET /policy. */
  editWindowSeconds: number;
}

type Mode = 'read' | 'edit' | 'confirm' | 'report';
const REASONS: ReportReason[] = ['abuse', 'spam', 'personal_info', 'defamation', 'obscene', 'hate', 'other'];

export function CommentCard({ c, ctx, onReply }: { c: Comment; ctx: CardContext; onReply?: () => void }) {
  const { t, lang, me, client } = ctx;
  const [mode, setMode] = useState<Mode>('read');
  const [told, setTold] = useState<Told | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  if (c.status === 'deleted' && !c.notice) {
    return (
      <article class="comment deleted" data-comment-id={c.id} aria-label={t.deleted}>
        <p class="placeholder">{t.deleted}</p>
      </article>
    );
  }

  const name = c.author?.displayName ?? '';
  const mine = !!me && c.author?.id === me.id;
  const published = c.status === 'published';
  const suspended = !!me?.suspension;
  const editable = mine && (published || c.status === 'pending') && ctx.now - Date.parse(c.createdAt) < ctx.editWindowSeconds * 1000;

  const fail = (e: unknown) => {
    const s = suspensionOf(e);
    if (s) ctx.onSuspended(s);
    setStatus('');
    setTold(describeError(e, t, lang));
  };
  const run = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setTold(null);
    try {
      await work();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const react = (value: Reaction) =>
    run(async () => {
      // A second click on the reader's own choice takes it back.
      const r = await client.react(c.id, c.myReaction === value ? null : value);
      ctx.dispatch({ type: 'patch', id: c.id, patch: r });
    });

  const save = async (text: string): Promise<Told | null> => {
    try {
      const updated = await client.edit(c.id, text);
      ctx.dispatch({ type: 'changed', comment: updated });
      setMode('read');
      const said = updated.status === 'pending' ? t.held : t.saved;
      setStatus(said);
      ctx.announce(said);
      return null;
    } catch (e) {
      const s = suspensionOf(e);
      if (s) ctx.onSuspended(s);
      return explainRefusal(client, e, lang, t);
    }
  };

  const remove = () =>
    run(async () => {
      await client.remove(c.id);
      setMode('read');
      ctx.dispatch({ type: 'deleted', id: c.id });
      ctx.announce(t.deletedOk);
    });

  const askRestoration = () =>
    run(async () => {
      await client.askRestoration(c.id);
      setStatus(t.restoreAsked);
    });

  const notice = c.notice ? (c.notice === 'hidden_by_claim' ? t.notices.hidden_by_claim(ctx.claimHideDays) : t.notices[c.notice]) : null;
  const counts = (
    <>
      <span>{t.reactionCount(t.agree, c.agreeCount)}</span>
      <span>{t.reactionCount(t.disagree, c.disagreeCount)}</span>
    </>
  );

  return (
    <article class={`comment${mine ? ' mine' : ''}${published ? '' : ' unpublished'}`} data-comment-id={c.id} aria-label={t.commentBy(name)}>
      <header class="meta">
        {c.author?.avatarUrl ? <img class="avatar" src={c.author.avatarUrl} alt="" width={32} height={32} loading="lazy" referrerpolicy="no-referrer" /> : <span class="avatar blank" aria-hidden="true" />}
        <span class="name">{name}</span>
        {mine && <span class="badge">{t.you}</span>}
        <time dateTime={c.createdAt} title={fullTime(c.createdAt, lang)}>
          {relativeTime(c.createdAt, lang, ctx.now)}
        </time>
        {c.editedAt && <span class="edited">({t.edited})</span>}
      </header>
      {notice && <p class="notice">{notice}</p>}
      {mode === 'edit' ? (
        <Composer t={t} label={t.editLabel} initial={c.body} submitLabel={t.save} onSubmit={save} onCancel={() => setMode('read')} onPolicy={ctx.openPolicy} autoFocus />
      ) : (
        <p class="body">{c.body}</p>
      )}
      {mode !== 'edit' && (
        <div class="tools">
          {published && me && !suspended ? (
            <>
              <button type="button" class="react agree" aria-pressed={c.myReaction === 'agree'} disabled={busy} onClick={() => void react('agree')}>
                {t.reactionCount(t.agree, c.agreeCount)}
              </button>
              <button type="button" class="react disagree" aria-pressed={c.myReaction === 'disagree'} disabled={busy} onClick={() => void react('disagree')}>
                {t.reactionCount(t.disagree, c.disagreeCount)}
              </button>
            </>
          ) : (
            published && <span class="counts">{counts}</span>
          )}
          {onReply && published && me && !suspended && (
            <button type="button" class="link" onClick={onReply}>
              {t.reply}
            </button>
          )}
          {editable && !suspended && (
            <button type="button" class="link" onClick={() => (setTold(null), setMode('edit'))}>
              {t.edit}
            </button>
          )}
          {mine && c.status !== 'deleted' && (
            <button type="button" class="link" aria-expanded={mode === 'confirm'} onClick={() => setMode(mode === 'confirm' ? 'read' : 'confirm')}>
              {t.delete}
            </button>
          )}
          {mine && c.notice === 'hidden_by_claim' && (
            <button type="button" class="link" disabled={busy} onClick={() => void askRestoration()}>
              {t.askRestore}
            </button>
          )}
          {!mine && me && published && !suspended && (
            <button type="button" class="link" aria-expanded={mode === 'report'} onClick={() => setMode(mode === 'report' ? 'read' : 'report')}>
              {t.report}
            </button>
          )}
        </div>
      )}
      {mode === 'confirm' && (
        <div class="confirm" role="group" aria-label={t.confirmDelete}>
          <p>{t.confirmDelete}</p>
          <button type="button" class="danger" disabled={busy} onClick={() => void remove()}>
            {t.delete}
          </button>
          <button type="button" class="secondary" onClick={() => setMode('read')}>
            {t.keep}
          </button>
        </div>
      )}
      {mode === 'report' && (
        <ReportForm
          ctx={ctx}
          onCancel={() => setMode('read')}
          onSend={(reason, note) =>
            run(async () => {
              await client.report(c.id, reason, note);
              setMode('read');
              setStatus(t.reported);
            })
          }
          busy={busy}
        />
      )}
      <div role="status" class="done">
        {status && <p>{status}</p>}
      </div>
      <div role="alert">{told?.lines.map((line) => <p class="error">{line}</p>)}</div>
    </article>
  );
}

function ReportForm({ ctx, onSend, onCancel, busy }: { ctx: CardContext; onSend: (reason: ReportReason, note: string) => void; onCancel: () => void; busy: boolean }) {
  const { t } = ctx;
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const [id] = useState(() => nextId('report'));
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <form
      class="report"
      onSubmit={(e) => {
        e.preventDefault();
        if (reason) onSend(reason, note.trim());
      }}
      onKeyDown={(e) => e.key === 'Escape' && onCancel()}
    >
      <fieldset>
        <legend>{t.reportTitle}</legend>
        {REASONS.map((r, i) => (
          <label class="choice">
            <input type="radio" name={id} value={r} checked={reason === r} onChange={() => setReason(r)} ref={i === 0 ? first : undefined} />
            {t.reasons[r]}
          </label>
        ))}
      </fieldset>
      <label for={`${id}-note`} class="label">
        {t.reportNote}
      </label>
      <textarea id={`${id}-note`} rows={2} maxLength={500} value={note} onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)} />
      <div class="actions">
        <button type="button" class="secondary" onClick={onCancel}>
          {t.cancel}
        </button>
        <button type="submit" class="primary" disabled={!reason || busy}>
          {t.sendReport}
        </button>
      </div>
    </form>
  );
}
