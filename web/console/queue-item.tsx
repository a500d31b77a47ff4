import { useId, useState } from 'preact/hooks';
import { ClaimForm } from './claim-form';
import { DECISIONS, DECISION_KEYS, isAllowed } from './decisions';
import { formatTime, sanctionEnd } from './format';
import { useTexts, type Texts } from './i18n';
import { LiftForm, SanctionForm, type Outcome } from './sanction-forms';
import { Thread } from './thread';
import type { AuthorRecord, Claim, Comment, CommentItem, Decision, NameItem, PolicyRule, QueueItem, Toxicity } from './types';

export function itemId(item: QueueItem): string {
  return item.kind === 'comment' ? item.comment.id : item.user.id;
}

export interface ItemHandlers {
  onSelect: (id: string) => void;
  onDecide: (id: string, decision: Decision) => void;
  onToggleThread: (id: string) => void;
  onAuthor: (authorId: string, sanction: { until: string | null; reason: string | null }) => void;
  onClaim: (id: string, opened: { claim: Claim; comment: Comment }) => void;
  register: (id: string, element: HTMLElement | null) => void;
}

interface Props extends ItemHandlers {
  item: QueueItem;
  selected: boolean;
  fresh: boolean;
  /** Decided elsewhere, or refused: the sentence saying what happened. */
  resolved: Outcome | null;
  threadOpen: boolean;
  rules: Map<string, PolicyRule>;
}

/** One queue entry: a comment with everything a decision needs, or a display name waiting for approval. */
export function QueueEntry(props: Props) {
  const t = useTexts();
  const id = itemId(props.item);
  const headingId = useId();
  const classes = ['item', props.selected && 'selected', props.fresh && 'fresh', props.resolved && 'resolved'].filter(Boolean).join(' ');
  return (
    <li>
      <article
        class={classes}
        ref={(el) => props.register(id, el)}
        tabIndex={-1}
        aria-labelledby={headingId}
        aria-current={props.selected ? 'true' : undefined}
        data-id={id}
        onClick={() => props.onSelect(id)}
        onFocusIn={() => props.onSelect(id)}
      >
        {props.item.kind === 'comment' ? <CommentEntry {...props} item={props.item} headingId={headingId} /> : <NameEntry {...props} item={props.item} headingId={headingId} />}
        {props.resolved && (
          <p class={props.resolved.error ? 'outcome error' : 'outcome'} role="note">
            {props.resolved.text}
          </p>
        )}
      </article>
    </li>
  );
}

function CommentEntry(props: Props & { item: CommentItem; headingId: string }) {
  const t = useTexts();
  const { item } = props;
  const c = item.comment;
  const threadId = useId();
  const hasThread = c.parentId !== null || c.replyCount > 0;
  return (
    <>
      <h3 id={props.headingId}>
        <span>{c.author?.displayName ?? '—'}</span>
        <span class={`pill ${c.status}`}>{t.statusNames[c.status]}</span>
        {c.notice && c.notice !== 'awaiting_review' && <span class="meta">{t.notices[c.notice] ?? ''}</span>}
        {props.fresh && <span class="badge">{t.fresh}</span>}
      </h3>
      <p class="meta">
        {formatTime(c.createdAt, t)}
        {c.editedAt && ` · ${t.edited}`} · {t.article}:{' '}
        {item.article.url && /^https?:\/\//.test(item.article.url) ? (
          <a href={item.article.url} target="_blank" rel="noopener noreferrer">
            {item.article.title ?? item.article.id}
          </a>
        ) : (
          (item.article.title ?? item.article.id)
        )}{' '}
        (<code>{item.article.id}</code>)
      </p>
      <blockquote class="body">{c.body || '—'}</blockquote>
      {(c.parentId || c.replyCount > 0) && (
        <p class="meta">
          {c.parentId ? t.isReply : t.replies(c.replyCount)}{' '}
          {hasThread && (
            <button type="button" aria-expanded={props.threadOpen} aria-controls={threadId} onClick={() => props.onToggleThread(c.id)} aria-keyshortcuts="t">
              {props.threadOpen ? t.hideThread : t.showThread} <kbd aria-hidden="true">t</kbd>
            </button>
          )}
        </p>
      )}
      <div id={threadId}>{props.threadOpen && hasThread && <Thread comment={c} />}</div>
      <div class="facts">
        <Rules item={item} rules={props.rules} t={t} />
        <Reports item={item} t={t} />
        <Author record={item.author} onAuthor={props.onAuthor} />
        {item.claim && <ClaimFacts claim={item.claim} restorationRequestedAt={item.restorationRequestedAt} t={t} />}
      </div>
      <CommentActions {...props} />
    </>
  );
}

function Rules({ item, rules, t }: { item: CommentItem; rules: Map<string, PolicyRule>; t: Texts }) {
  return (
    <section>
      <h4>{t.rules}</h4>
      {item.policy.rules.length ? (
        <ul>
          {item.policy.rules.map((id) => (
            <li key={id}>
              {rules.get(id)?.title[t.lang] ?? id} <code>{id}</code>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.noRules}</p>
      )}
      {item.policy.toxicity && <ToxicityFacts toxicity={item.policy.toxicity} t={t} />}
    </section>
  );
}

/** The scorer's score and, for a held or refused comment, the pieces of its text that weighed most: why the model flagged it. */
function ToxicityFacts({ toxicity, t }: { toxicity: Toxicity; t: Texts }) {
  return (
    <div class="toxicity">
      <p>
        {t.toxicityScore(toxicity.score.toFixed(2), toxicity.hate.toFixed(2))}
        {toxicity.abstained && <> · {t.toxicityAbstained}</>}
        {toxicity.source === 'remote' && <> · {t.toxicityRemote}</>}
      </p>
      {toxicity.ngrams && toxicity.ngrams.length > 0 && (
        <p>
          {t.toxicityNgrams}{' '}
          {toxicity.ngrams.map((g) => (
            <mark key={g.text} title={`+${g.weight.toFixed(2)}`}>
              {g.text}
            </mark>
          ))}
        </p>
      )}
    </div>
  );
}

function Reports({ item, t }: { item: CommentItem; t: Texts }) {
  const { reports } = item;
  return (
    <section>
      <h4>{t.reports}</h4>
      {reports.count === 0 ? (
        <p>{t.noReports}</p>
      ) : (
        <>
          <p>
            {t.reportCount(reports.count)}:{' '}
            {Object.entries(reports.reasons)
              .map(([reason, n]) => `${t.reasons[reason] ?? reason} ${n}`)
              .join(', ')}
          </p>
          <ul>
            {reports.items
              .filter((r) => r.note)
              .map((r, i) => (
                <li key={i}>
                  {t.reasons[r.reason] ?? r.reason}: “{r.note}”
                </li>
              ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Author({ record, onAuthor }: { record: AuthorRecord | null; onAuthor: ItemHandlers['onAuthor'] }) {
  const t = useTexts();
  const [form, setForm] = useState<'none' | 'sanction' | 'lift'>('none');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const formId = useId();
  if (!record) {
    return (
      <section>
        <h4>{t.author}</h4>
        <p>{t.authorGone}</p>
      </section>
    );
  }
  const toggle = (which: 'sanction' | 'lift') => {
    setOutcome(null);
    setForm(form === which ? 'none' : which);
  };
  return (
    <section>
      <h4>{t.author}</h4>
      <p>
        {record.displayName} · {t.accountAge(record.accountAgeDays)} · {t.commentCount(record.comments)} · {t.strikes(record.strikes)}
      </p>
      <p class="meta">
        <code>{record.id}</code>
      </p>
      {record.suspendedUntil && (
        <p>
          <strong>{sanctionEnd(record.suspendedUntil, t)}</strong>
          {record.suspensionReason && ` (${t.reasonLabel}: ${record.suspensionReason})`}
        </p>
      )}
      <div class="actions">
        <button type="button" aria-expanded={form === 'sanction'} aria-controls={formId} onClick={() => toggle('sanction')}>
          {t.sanction}
        </button>
        {record.suspendedUntil && (
          <button type="button" aria-expanded={form === 'lift'} aria-controls={formId} onClick={() => toggle('lift')}>
            {t.liftOpen}
          </button>
        )}
      </div>
      <div id={formId}>
        {form === 'sanction' && (
          <SanctionForm
            userId={record.id}
            onDone={(o, applied) => {
              setOutcome(o);
              if (applied) {
                setForm('none');
                onAuthor(record.id, applied);
              }
            }}
          />
        )}
        {form === 'lift' && (
          <LiftForm
            userId={record.id}
            onDone={(o, lifted) => {
              setOutcome(o);
              if (lifted) {
                setForm('none');
                onAuthor(record.id, { until: null, reason: null });
              }
            }}
          />
        )}
      </div>
      <p class={outcome?.error ? 'outcome error' : 'outcome'} role="status">
        {outcome?.text}
      </p>
    </section>
  );
}

function ClaimFacts({ claim, restorationRequestedAt, t }: { claim: Claim; restorationRequestedAt: string | null; t: Texts }) {
  return (
    <section>
      <h4>{t.claim}</h4>
      <p>
        {t.claimant}: {claim.claimant}
      </p>
      <p>“{claim.reason}”</p>
      <p>{t.claimHiddenUntil(formatTime(claim.hiddenUntil, t))}</p>
      {restorationRequestedAt && <p>{t.restorationRequested(formatTime(restorationRequestedAt, t))}</p>}
    </section>
  );
}

function CommentActions(props: Props & { item: CommentItem }) {
  const t = useTexts();
  const { item } = props;
  const c = item.comment;
  const [claimOpen, setClaimOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const formId = useId();
  const canClaim = !item.claim && (c.status === 'published' || c.status === 'hidden');
  return (
    <>
      <div class="actions">
        {!props.resolved &&
          DECISIONS.filter((d) => isAllowed(d, c.status)).map((d) => (
          <button key={d} type="button" class={d === 'approve' || d === 'restore' ? 'primary' : d === 'delete' || d === 'reject' ? 'danger' : undefined} aria-keyshortcuts={DECISION_KEYS[d]} onClick={() => props.onDecide(c.id, d)}>
            {t.decisions[d]} <kbd aria-hidden="true">{DECISION_KEYS[d]}</kbd>
          </button>
        ))}
        {canClaim && (
          <button
            type="button"
            aria-expanded={claimOpen}
            aria-controls={formId}
            onClick={() => {
              setOutcome(null);
              setClaimOpen(!claimOpen);
            }}
          >
            {t.openClaim}
          </button>
        )}
      </div>
      <div id={formId}>
        {claimOpen && canClaim && (
          <ClaimForm
            commentId={c.id}
            onDone={(o, opened) => {
              setOutcome(o);
              if (opened) {
                setClaimOpen(false);
                props.onClaim(c.id, opened);
              }
            }}
          />
        )}
      </div>
      <p class={outcome?.error ? 'outcome error' : 'outcome'} role="status">
        {outcome?.text}
      </p>
    </>
  );
}

function NameEntry(props: Props & { item: NameItem; headingId: string }) {
  const t = useTexts();
  const u = props.item.user;
  return (
    <>
      <h3 id={props.headingId}>
        <span>{u.requestedName}</span>
        {props.fresh && <span class="badge">{t.fresh}</span>}
      </h3>
      <p>
        {t.requestedName}: <strong>{u.requestedName}</strong> · {t.currentName}: {u.displayName}
      </p>
      <p class="meta">
        {t.accountCreated(formatTime(u.accountCreatedAt, t))} · <code>{u.id}</code>
      </p>
      <div class="actions">
        <button type="button" class="primary" aria-keyshortcuts="a" onClick={() => props.onDecide(u.id, 'approve')}>
          {t.approveName} <kbd aria-hidden="true">a</kbd>
        </button>
      </div>
    </>
  );
}
