/**
 * JSON over fetch for the front ends, with the service's error shape
 * (`{ error: { code, message, details } }`) turned into one error type. A
 * request that never got an answer is code "NETWORK", so callers can say so in
 * words instead of showing what fetch threw.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    /** Seconds to wait, from Retry-After (or details.retryAfterSeconds), where waiting helps. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
}

function retryAfterOf(res: Response, details: Record<string, unknown>): number | null {
  const header = Number(res.headers.get('Retry-After'));
  if (Number.isFinite(header) && header > 0) return Math.ceil(header);
  const given = Number(details.retryAfterSeconds);
  return Number.isFinite(given) && given > 0 ? Math.ceil(given) : null;
}

export async function requestJson<T>(url: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: options.credentials ?? 'omit',
      mode: 'cors',
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '');
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | null;
  if (!res.ok) {
    const details = data?.error?.details ?? {};
    throw new ApiError(res.status, data?.error?.code ?? `HTTP_${res.status}`, data?.error?.message ?? '', details, retryAfterOf(res, details));
  }
  return data as T;
}
