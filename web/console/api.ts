import { serviceBase } from '../shared/boot';

/**
 * The service's HTTP API, same-origin: the session cookie goes along on its
 * own; every state change carries the session's CSRF token (docs/api.md, CSRF).
 */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Where the service is (its PUBLIC_URL, with a path when it is behind one): taken from this bundle's address at load. */
export const BASE = serviceBase();

let csrfToken: string | null = null;
let language = 'en';

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Server messages (error.message) follow Accept-Language; keep them in the console's language. */
export function setApiLanguage(lang: string): void {
  language = lang;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(BASE + path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'NETWORK', '');
  }
  if (res.status === 204) return undefined as T;
  const json = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null;
  if (!res.ok) {
    const e = json?.error;
    throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? '', e?.details ?? {});
  }
  return json as T;
}

/** A query string from the values that are set. */
export function query(params: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
