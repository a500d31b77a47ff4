import { createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedRequestPayload {
  user_id: string;
  issued_at: number;
}

/** How old a signed_request may be: Facebook calls right after the person acts; an old one is a replay. */
export const SIGNED_REQUEST_MAX_AGE_SECONDS = 3600;
/** Clocks differ a little between Facebook and us. */
const CLOCK_SKEW_SECONDS = 300;

/**
 * Facebook's `signed_request`: base64url(HMAC-SHA256 signature) "." base64url(JSON payload),
 * signed with the app secret. Returns the payload, or null for anything forged,
 * malformed, without `issued_at`, or issued too long ago (or in the future).
 */
export function parseSignedRequest(signedRequest: unknown, appSecret: string, nowMs = Date.now()): SignedRequestPayload | null {
  if (typeof signedRequest !== 'string' || signedRequest.length > 8192) return null;
  const [sig, payload, extra] = signedRequest.split('.');
  if (!sig || !payload || extra !== undefined) return null;
  const expected = createHmac('sha256', appSecret).update(payload).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { algorithm?: string; user_id?: unknown; issued_at?: number };
    if (typeof data.algorithm !== 'string' || data.algorithm.toUpperCase() !== 'HMAC-SHA256') return null;
    if (typeof data.user_id !== 'string' && typeof data.user_id !== 'number') return null;
    if (typeof data.issued_at !== 'number' || !Number.isFinite(data.issued_at)) return null;
    const age = nowMs / 1000 - data.issued_at;
    if (age > SIGNED_REQUEST_MAX_AGE_SECONDS || age < -CLOCK_SKEW_SECONDS) return null;
    return { user_id: String(data.user_id), issued_at: data.issued_at };
  } catch {
    return null;
  }
}

/** The other side, for tests and the sandbox: what Facebook would send. */
export function signRequest(payload: Record<string, unknown>, appSecret: string): string {
  const body = Buffer.from(JSON.stringify({ algorithm: 'HMAC-SHA256', issued_at: Math.floor(Date.now() / 1000), ...payload })).toString('base64url');
  const sig = createHmac('sha256', appSecret).update(body).digest('base64url');
  return `${sig}.${body}`;
}
