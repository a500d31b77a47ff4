import { useCallback, useEffect, useReducer, useRef, useState } from 'preact/hooks';
import type { CardContext } from './comment-card';
import type { Client } from './client';
import { Composer } from './composer';
import { describeError, loadPolicy, explainRefusal, suspensionOf, type Told } from './errors';
import { initialList, listReducer } from './list-state';
import { PolicyView } from './policy-view';
import { login, logout, session, useUser } from './session';
import { suspensionSentence, TEXTS, type Lang } from './texts';
import { Thread } from './thread';
import type { Article, Provider, Sort, Suspension } from './types';

const SORTS: Sort[] = ['newest', 'oldest', 'agreed'];

/** One article's comments: login, the comment box, the sorted list with its threads, live arrivals, and the policy. */
export function Widget({ client, lang }: { client: Client; lang: Lang }) {
  const t = TEXTS[lang];
  const user = useUser();
  const [list, dispatch] = useReducer(listReducer, 'newest', initialList);
  const [article, setArticle] = useState<Article | null>(null);
  const [providers, setProviders] = useState<Provider[] | null>(null);
  const [view, setView] = useState<'comments' | 'policy'>('comments');
  const [now, setNow] = useState(Date.now());
  const [loginTold, setLoginTold] = useState<Told | null>(null);
  const [loggingIn, setLoggingIn] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [helpOpen, setHelpOpen] = useState(false);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreTold, setMoreTold] = useState('');
  const [claimHideDays, setClaimHideDays] = useState(30);
  const [editWindowSeconds, setEditWindowSeconds] = useState(300);
  const policyButton = useRef<HTMLElement | null>(null);
  const generation = useRef(0);

  const announce = useCallback((text: string) => {
    // The same sentence twice in a row must still be read out.
    setAnnouncement('');
    setTimeout(() => setAnnouncement(text), 50);
  }, []);

  const load = useCallback(
    async (sort: Sort) => {
      const mine = ++generation.current;
      dispatch({ type: 'reset', sort });
      try {
        const page = await client.comments(sort, null);
        if (mine === generation.current) dispatch({ type: 'page', page, append: false });
      } catch {
        if (mine === generation.current) dispatch({ type: 'failed' });
      }
    },
    [client],
  );

  useEffect(() => {
    client.articleInfo().then((a) => {
      setArticle(a);
      dispatch({ type: 'count', count: a.commentCount });
    }, () => undefined);
    client.providers().then(setProviders, () => setProviders([]));
    loadPolicy(client).then(
      (p) => {
        setClaimHideDays(p.sanctions.claimHideDays);
        setEditWindowSeconds(p.editWindowSeconds);
      },
      () => undefined,
    );
    const stop = client.follow((kind, comment) => dispatch({ type: 'live', kind, comment }));
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [client]);

  // A suspension given or lifted while the page was in the background shows when the reader comes back.
  useEffect(() => {
    const refresh = () => {
      const token = session.token;
      if (document.visibilityState !== 'visible' || !token) return;
      client.me().then((u) => session.token === token && session.updateUser(u), () => undefined);
    };
    document.addEventListener('visibilitychange', refresh);
    return () => document.removeEventListener('visibilitychange', refresh);
  }, [client]);

  // Logging in or out changes what the list holds: the reader's own reactions and held comments.
  useEffect(() => void load(list.sort), [user?.id]);

  const freshCount = list.fresh.length;
  useEffect(() => {
    if (freshCount) announce(t.arrived(freshCount));
  }, [freshCount]);

  const doLogin = async (p: Provider) => {
    setLoginTold(null);
    setLoggingIn(true);
    try {
      await login(client.base, p.loginUrl, lang);
    } catch (e) {
      setLoginTold(describeError(e, t, lang));
    } finally {
      setLoggingIn(false);
    }
  };

  const onSuspended = (s: Suspension) => {
    if (session.user) session.updateUser({ ...session.user, suspension: s });
  };

  const openPolicy = (e?: Event) => {
    policyButton.current = (e?.currentTarget as HTMLElement) ?? null;
    setView('policy');
  };
  const closePolicy = () => {
    setView('comments');
    // Back to the control that opened it, once the comments are drawn again.
    setTimeout(() => policyButton.current?.isConnected && policyButton.current.focus(), 0);
  };

  const post = async (text: string): Promise<Told | null> => {
    try {
      const posted = await client.post(text, null);
      dispatch({ type: 'posted', comment: posted });
      announce(posted.status === 'pending' ? t.held : t.posted);
      return null;
    } catch (e) {
      const s = suspensionOf(e);
      if (s) onSuspended(s);
      return explainRefusal(client, e, lang, t);
    }
  };

  const loadMore = async () => {
    if (!list.nextCursor) return;
    setLoadingMore(true);
    setMoreTold('');
    const mine = generation.current;
    try {
      const page = await client.comments(list.sort, list.nextCursor);
      if (mine === generation.current) dispatch({ type: 'page', page, append: true });
    } catch (e) {
      setMoreTold(describeError(e, t, lang).lines[0]);
    } finally {
      setLoadingMore(false);
    }
  };

  const ctx: CardContext = { t, lang, client, me: user, now, dispatch, announce, openPolicy, onSuspended, claimHideDays, editWindowSeconds };
  const open = article?.commentsOpen ?? true;

  return (
    <div class="widget" lang={lang}>
      {view === 'policy' && <PolicyView client={client} t={t} lang={lang} onBack={closePolicy} />}
      <div class="comments" hidden={view === 'policy'}>
      <h2 class="title">{list.count > 0 ? t.headingCount(list.count) : t.heading}</h2>
      {!open && <p class="notice">{t.closed}</p>}
      {open && article?.moderation === 'pre' && <p class="muted">{t.premoderated}</p>}

      {user ? (
        <div class="account">
          <div class="me">
            {user.avatarUrl ? <img class="avatar" src={user.avatarUrl} alt="" width={32} height={32} referrerpolicy="no-referrer" /> : <span class="avatar blank" aria-hidden="true" />}
            <span>
              <span class="sr-only">{t.loggedInAs(user.displayName)}</span>
              <strong aria-hidden="true">{user.displayName}</strong>
            </span>
            <button type="button" class="secondary logout" onClick={() => void logout(client.base)}>
              {t.logout}
            </button>
          </div>
          <div role="status">{user.suspension && <p class="notice suspended">{suspensionSentence(t, lang, user.suspension)}</p>}</div>
          {open && (
            <Composer
              t={t}
              label={t.writeLabel}
              showLabel
              submitLabel={t.post}
              onSubmit={post}
              onPolicy={openPolicy}
              blocked={!!user.suspension}
            />
          )}
        </div>
      ) : (
        <div class="connect">
          <p class="connect-title">{t.connect}</p>
          <div class="providers">
            {providers?.map((p) => (
              <button type="button" class={`provider ${p.id}`} disabled={loggingIn} onClick={() => void doLogin(p)}>
                {t.loginWith(p.name)}
              </button>
            ))}
            {providers && !providers.length && <p class="muted">{t.noProviders}</p>}
          </div>
          <button type="button" class="link help-toggle" aria-expanded={helpOpen} aria-controls="social-help" onClick={() => setHelpOpen(!helpOpen)}>
            {t.socialQuestion}
          </button>
          <p id="social-help" class="help" hidden={!helpOpen}>
            {t.socialHelp}
          </p>
          {loggingIn && <p class="muted">{t.loggingIn}</p>}
          <div role="alert">{loginTold?.lines.map((line) => <p class="error">{line}</p>)}</div>
          <p class="locked">
            <svg class="lock" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
              <path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" fill="currentColor" />
            </svg>{' '}
            {open ? t.pleaseLogin : t.closed}
          </p>
          <p class="policy-line">
            <button type="button" class="link" onClick={(e) => openPolicy(e)}>
              {t.policy}
            </button>{' '}
            <span class="count">{t.counter(0, 250)}</span>
          </p>
        </div>
      )}

      <div class="toolbar">
        <div role="group" aria-label={t.sort} class="sorts">
          {SORTS.map((s) => (
            <button type="button" class="sort" aria-pressed={list.sort === s} onClick={() => list.sort !== s && void load(s)}>
              {t.sorts[s]}
            </button>
          ))}
        </div>
      </div>
      {freshCount > 0 && (
        <button type="button" class="fresh" onClick={() => dispatch({ type: 'showFresh' })}>
          {t.showNew(freshCount)}
        </button>
      )}

      {list.status === 'loading' && <p class="muted">{t.loading}</p>}
      {list.status === 'failed' && (
        <p role="alert" class="error">
          {t.loadFailed}{' '}
          <button type="button" class="link" onClick={() => void load(list.sort)}>
            {t.retry}
          </button>
        </p>
      )}
      {list.status === 'ready' && !list.items.length && <p class="muted">{t.empty}</p>}
      <ul class="list" aria-label={t.heading} aria-busy={list.status === 'loading'}>
        {list.items.map((c) => (
          <Thread key={c.id} c={c} thread={list.threads[c.id]} ctx={ctx} open={open} />
        ))}
      </ul>
      {list.nextCursor && (
        <button type="button" class="secondary more" disabled={loadingMore} onClick={() => void loadMore()}>
          {t.loadMore}
        </button>
      )}
      <div role="alert">{moreTold && <p class="error">{moreTold}</p>}</div>
      </div>
      <p class="sr-only" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
