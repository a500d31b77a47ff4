import { useEffect, useState } from 'preact/hooks';
import { ApiError, requestJson } from '../shared/http';
import type { User } from './types';

/**
 * The reader's login, shared by every widget on the page. The bearer token
 * lives in this module's memory only (never storage, never a cookie): a page
 * that reloads asks the reader to log in again, and nothing the news site's
 * other scripts can read outlives the page.
 */
interface State {
  token: string | null;
  user: User | null;
}

let state: State = { token: null, user: null };
const listeners = new Set<() => void>();

function set(next: State): void {
  state = next;
  listeners.forEach((l) => l());
}

export const session = {
  get token(): string | null {
    return state.token;
  },
  get user(): User | null {
    return state.user;
  },
  updateUser(user: User): void {
    if (state.token) set({ ...state, user });
  },
  /** The token stopped working (expired or revoked elsewhere). */
  drop(): void {
    if (state.token) set({ token: null, user: null });
  },
};

export function useUser(): User | null {
  const [user, setUser] = useState(state.user);
  useEffect(() => {
    const listener = () => setUser(state.user);
    listeners.add(listener);
    listener();
    return () => void listeners.delete(listener);
  }, []);
  return user;
}

/** Why a login did not complete: a provider's authError, or what happened on our side. */
export class LoginError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const LOGIN_MESSAGE = 'newsroom-comments:login';

/**
 * Logs in through a popup on the service's own origin (first-party there, so
 * blocked third-party cookies do not matter): its last page posts a one-time
 * code to this window, for this origin only; the code is traded for a bearer
 * token bound to this origin. The same flow on the service's own pages.
 */
export function login(base: string, loginUrl: string, lang: string): Promise<void> {
  // A full URL, so that a service reached behind a path of the news site (PUBLIC_URL https://news.example/comments) is returned to there.
  const returnTo = `${base}/auth/widget/complete?origin=${encodeURIComponent(location.origin)}`;
  const serviceOrigin = new URL(base).origin;
  const popup = window.open(`${base}${loginUrl}?returnTo=${encodeURIComponent(returnTo)}`, 'newsroom-comments-login', 'popup=yes,width=520,height=680');
  if (!popup) return Promise.reject(new LoginError('blocked'));
  popup.focus();
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let answered = false;
    const finish = (error: LoginError | null) => {
      if (settled) return;
      settled = true;
      window.removeEventListener('message', onMessage);
      clearInterval(watch);
      if (error) reject(error);
      else resolve();
    };
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { type?: unknown; code?: unknown; error?: unknown } | null;
      if (event.origin !== serviceOrigin || event.source !== popup || !data || data.type !== LOGIN_MESSAGE) return;
      answered = true;
      clearInterval(watch);
      if (typeof data.code !== 'string') return finish(new LoginError(typeof data.error === 'string' ? data.error : 'other'));
      requestJson<{ token: string; user: User }>(`${base}/auth/widget/token`, { method: 'POST', body: { code: data.code }, headers: { 'Accept-Language': lang } }).then(
        (res) => {
          set({ token: res.token, user: res.user });
          finish(null);
        },
        (e) => finish(new LoginError(e instanceof ApiError && e.code === 'NETWORK' ? 'network' : 'exchange')),
      );
    };
    window.addEventListener('message', onMessage);
    // The popup closes itself after posting; a message already queued still arrives, so wait a moment before calling it cancelled.
    const watch = setInterval(() => {
      if (!popup.closed) return;
      clearInterval(watch);
      setTimeout(() => !answered && finish(new LoginError('closed')), 1000);
    }, 400);
  });
}

export async function logout(base: string): Promise<void> {
  const token = state.token;
  set({ token: null, user: null });
  if (!token) return;
  // The token is forgotten here whatever the answer; revoking it is for the server's sake.
  await requestJson(`${base}/auth/widget/token`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } }).catch(() => undefined);
}
