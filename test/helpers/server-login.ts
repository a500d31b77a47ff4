import { consent } from '../fakes/consent';
import { sessionCookie } from './login';

export interface ServerSession {
  /** The `sid=…` cookie pair to send back. */
  cookie: string;
  csrfToken: string;
  user: { id: string; displayName: string };
}

/**
 * A whole login against a running server (not an in-process app), as a
 * browser does it with AUTH_SANDBOX on: the app's redirect to its own sandbox
 * provider, the consent form, the callback with the session cookie, then
 * /auth/me for the CSRF token.
 */
export async function loginOnServer(base: string, provider: 'twitter' | 'facebook', screenName: string, name = screenName): Promise<ServerSession> {
  const start = await fetch(`${base}/auth/${provider}?returnTo=/`, { redirect: 'manual' });
  if (start.status !== 302) throw new Error(`GET /auth/${provider} answered ${start.status}: ${await start.text()}`);
  const startCookie = sessionCookie(start.headers.getSetCookie()) ?? '';
  const callback = await consent(start.headers.get('location')!, { action: 'allow', screenName, name });
  const back = await fetch(callback, { headers: { cookie: startCookie }, redirect: 'manual' });
  const cookie = sessionCookie(back.headers.getSetCookie());
  if (back.status !== 302 || back.headers.get('location') !== '/' || !cookie) {
    throw new Error(`the ${provider} callback answered ${back.status} to ${back.headers.get('location')}: ${await back.text()}`);
  }
  const me = await fetch(`${base}/auth/me`, { headers: { cookie } });
  if (me.status !== 200) throw new Error(`GET /auth/me answered ${me.status}: ${await me.text()}`);
  const body = (await me.json()) as { csrfToken: string; user: ServerSession['user'] };
  return { cookie, csrfToken: body.csrfToken, user: body.user };
}
