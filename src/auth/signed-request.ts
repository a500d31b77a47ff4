import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Facebook's `signed_request`: base64url(HMAC-SHA256 signature) "." base64url(JSON payload),
 * signed with the app secret. Returns the payload, or null for anything forged or malformed.
 */
export function parseSignedRequest(signedRequest: unknown, appSecret: string): { user_id: string; issued_at?: number } | null {
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
