import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, BASE, api, setApiLanguage, setCsrfToken } from './api';
import { AuditLog } from './audit-log';
import { errorText } from './format';
import { I18n, TEXTS, initialLang, rememberLang, useTexts, type Lang } from './i18n';
import { People } from './people';
import { Queue } from './queue';
import type { Outcome } from './sanction-forms';
import type { Me, PolicyRule, Provider, User } from './types';

type Auth =
  | { state: 'loading' }
  | { state: 'anonymous'; providers: Provider[] }
  | { state: 'reader'; user: User }
  | { state: 'staff'; user: User }
  | { state: 'failed'; error: unknown };

type Tab = 'queue' | 'audit' | 'people';

export function App() {
  const [lang, setLang] = useState<Lang>(initialLang);
  const [auth, setAuth] = useState<Auth>({ state: 'loading' });
  // A login that came back cancelled or failed says so once (docs/api.md, authError).
  const [authError] = useState(() => {
    const url = new URL(location.href);
    const code = url.searchParams.get('authError');
    if (code) {
      url.searchParams.delete('authError');
      history.replaceState(null, '', url.pathname + url.search + url.hash);
    }
    return code;
  });
  const t = TEXTS[lang];

  useEffect(() => {
    setApiLanguage(lang);
    document.documentElement.lang = lang;
    document.title = `${t.title} · newsroom-comments`;
  }, [lang]);

  useEffect(() => {
    (async () => {
      try {
        const me = await api<Me>('GET', '/auth/me');
        setCsrfToken(me.csrfToken);
        setAuth(me.user.role === 'reader' ? { state: 'reader', user: me.user } : { state: 'staff', user: me.user });
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401)) return setAuth({ state: 'failed', error });
        const { providers } = await api<{ providers: Provider[] }>('GET', '/auth/providers').catch(() => ({ providers: [] as Provider[] }));
        setAuth({ state: 'anonymous', providers });
      }
    })();
  }, []);

  const toggleLang = () => {
    const next: Lang = lang === 'en' ? 'ko' : 'en';
    rememberLang(next);
    setLang(next);
  };

  return (
    <I18n.Provider value={t}>
      <header class="top">
        <div class="wrap">
          <h1>{t.title}</h1>
          {(auth.state === 'staff' || auth.state === 'reader') && <span class="who">{t.loggedInAs(auth.user.displayName, t.roles[auth.user.role])}</span>}
          <button type="button" lang={lang === 'en' ? 'ko' : 'en'} onClick={toggleLang}>
            {t.otherLanguage}
          </button>
          {(auth.state === 'staff' || auth.state === 'reader') && <LogoutButton />}
        </div>
      </header>
      <main class="wrap">
        {auth.state === 'loading' && <p>{t.loading}</p>}
        {auth.state === 'failed' && <p class="outcome error">{errorText(auth.error, t)}</p>}
        {auth.state === 'anonymous' && <LoginPrompt providers={auth.providers} authError={authError} />}
        {auth.state === 'reader' && (
          <div class="card login">
            <p>{t.notStaff(auth.user.displayName)}</p>
          </div>
        )}
        {auth.state === 'staff' && <Console me={auth.user} />}
      </main>
    </I18n.Provider>
  );
}

function LoginPrompt({ providers, authError }: { providers: Provider[]; authError: string | null }) {
  const t = useTexts();
  return (
    <div class="card login">
      {authError && (
        <p class="outcome error" role="alert">
          {authError === 'ACCESS_DENIED' ? t.loginCancelled : t.loginFailed}
        </p>
      )}
      <p>{t.loginIntro}</p>
      {providers.length ? (
        <p class="actions">
          {providers.map((p) => (
            <a key={p.id} href={`${BASE}${p.loginUrl}?returnTo=${encodeURIComponent(`${BASE}/moderation`)}`}>
              {t.loginWith(p.name)}
            </a>
          ))}
        </p>
      ) : (
        <p>{t.noProviders}</p>
      )}
    </div>
  );
}

function LogoutButton() {
  const t = useTexts();
  const logout = async () => {
    await api('POST', '/auth/logout').catch(() => undefined);
    location.reload();
  };
  return (
    <button type="button" onClick={() => void logout()}>
      {t.logout}
    </button>
  );
}

/** The staff's page: sections, the live result line, and the shortcuts on the side. */
function Console({ me }: { me: User }) {
  const t = useTexts();
  const [tab, setTab] = useState<Tab>('queue');
  const [rules, setRules] = useState<PolicyRule[]>([]);
  const [message, setMessage] = useState<Outcome | null>(null);
  const pending = useRef<number | undefined>(undefined);
  // Emptied first, so that the same sentence twice in a row is announced twice.
  const announce = (outcome: Outcome) => {
    setMessage(null);
    clearTimeout(pending.current);
    pending.current = window.setTimeout(() => setMessage(outcome), 60);
  };

  // A result belongs to the section and the language it was given in.
  useEffect(() => {
    clearTimeout(pending.current);
    setMessage(null);
  }, [tab, t]);

  useEffect(() => {
    api<{ rules: PolicyRule[] }>('GET', '/policy')
      .then((p) => setRules(p.rules))
      .catch(() => setRules([]));
  }, []);

  return (
    <>
      <nav class="tabs" aria-label={t.sections}>
        {(['queue', 'audit', 'people'] as Tab[]).map((name) => (
          <button key={name} type="button" aria-current={tab === name ? 'page' : undefined} onClick={() => setTab(name)}>
            {t.tabs[name]}
          </button>
        ))}
      </nav>
      <p class={message?.error ? 'status error' : 'status'} role="status" id="console-status">
        {message?.text}
      </p>
      <div class={tab === 'queue' ? 'layout' : undefined}>
        <div>
          <div hidden={tab !== 'queue'}>
            <Queue active={tab === 'queue'} me={me} rules={rules} announce={announce} />
          </div>
          {tab === 'audit' && <AuditLog me={me} />}
          {tab === 'people' && <People me={me} />}
        </div>
        {tab === 'queue' && <ShortcutHelp />}
      </div>
    </>
  );
}

function ShortcutHelp() {
  const t = useTexts();
  return (
    <aside class="card help" aria-labelledby="shortcut-help">
      <h2 id="shortcut-help">{t.shortcuts}</h2>
      <dl>
        {t.shortcutList.map(([key, what]) => (
          <Fragment key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{what}</dd>
          </Fragment>
        ))}
      </dl>
      <p>{t.shortcutsNote}</p>
    </aside>
  );
}
