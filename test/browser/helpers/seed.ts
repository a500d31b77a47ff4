import { loginOnServer, type ServerSession } from '../../helpers/server-login';

/** Readers and comments made through the HTTP API, as other readers would have made them before the test's reader arrives. */
export async function seedReaders(base: string, handles: string[]): Promise<ServerSession[]> {
  const sessions: ServerSession[] = [];
  for (const handle of handles) sessions.push(await loginOnServer(base, 'twitter', handle, handle));
  return sessions;
}

async function call(base: string, s: ServerSession, method: string, path: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string };
}

export const postAs = (base: string, s: ServerSession, articleId: string, body: string) => call(base, s, 'POST', `/articles/${articleId}/comments`, { body });
export const agreeAs = (base: string, s: ServerSession, commentId: string) => call(base, s, 'PUT', `/comments/${commentId}/reaction`, { value: 'agree' });
