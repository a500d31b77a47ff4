import type { TestApp } from './app';
import { consent } from '../fakes/consent';

export type Provider = 'twitter' | 'facebook';

export interface Person {
  screenName: string;
  name?: string;
}

export interface Session {
  /** The `sid=…` cookie pair to send back. */
  cookie: string;
  csrfToken: string;
  user: { id: string; displayName: string; providers: string[]; role: string };
}

/** The value of the session cookie a response sets, as `sid=…`, or null. */
export function sessionCookie(setCookie: string[] | string | undefined): string | null {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const sid = all.find((c) => c.startsWith('sid='));
  return sid ? sid.split(';')[0] : null;
}

export function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

/**
 * Goes to the provider, leaves the app's path, acts like the reader at the
 * provider's consent page, and comes back with the provider's redirect:
 * exactly a browser's round trip, through the real strategy.
 */
export async function startLogin(t: TestApp, provider: Provider, returnTo = '/after-login', cookie?: string): Promise<{ authorizeUrl: string; cookie: string }> {
  const res = await t.http().get(`/auth/${provider}?returnTo=${encodeURIComponent(returnTo)}`).set('Cookie', cookie ?? '').expect(302);
  const set = sessionCookie(res.headers['set-cookie']);
  return { authorizeUrl: res.headers.location as string, cookie: set ?? cookie ?? '' };
}

export async function finishLogin(t: TestApp, callbackUrl: string, cookie: string): Promise<{ location: string; cookie: string }> {
  const res = await t.http().get(pathOf(callbackUrl)).set('Cookie', cookie).expect(302);
  return { location: res.headers.location as string, cookie: sessionCookie(res.headers['set-cookie']) ?? cookie };
}

export async function me(t: TestApp, cookie: string): Promise<Session> {
  const res = await t.http().get('/auth/me').set('Cookie', cookie).expect(200);
  return { cookie, csrfToken: res.body.csrfToken, user: res.body.user };
}

/** A whole login, consenting as `person`; `cookie` continues an existing session (to link a provider). */
export async function login(t: TestApp, provider: Provider, person: Person, cookie?: string): Promise<Session> {
  const start = await startLogin(t, provider, '/after-login', cookie);
  const callback = await consent(start.authorizeUrl, { action: 'allow', screenName: person.screenName, name: person.name ?? person.screenName });
  const done = await finishLogin(t, callback, start.cookie);
  if (done.location !== '/after-login') throw new Error(`login did not succeed: back at ${done.location}`);
  return me(t, done.cookie);
}
