import { createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 3986 percent-encoding, as OAuth 1.0a (RFC 5849 §3.6) requires. */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Parameters of `Authorization: OAuth k="v", …`, decoded; `realm` is not a parameter. */
export function parseAuthorizationHeader(header: string | undefined): Record<string, string> | null {
  if (!header || !/^OAuth\s/i.test(header)) return null;
  const params: Record<string, string> = {};
  for (const m of header.slice(6).matchAll(/([A-Za-z0-9_.~-]+)="([^"]*)"/g)) {
    if (m[1] !== 'realm') params[decodeURIComponent(m[1])] = decodeURIComponent(m[2]);
  }
  return params;
}

/** RFC 5849 §3.4.1.2: scheme and host lower-case, default ports dropped, no query. */
export function baseStringUri(url: string): string {
  const u = new URL(url);
  const defaultPort = (u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443') || u.port === '';
  return `${u.protocol.toLowerCase()}//${u.hostname.toLowerCase()}${defaultPort ? '' : ':' + u.port}${u.pathname}`;
}

/** RFC 5849 §3.4.1: METHOD & base URI & normalised parameters (every pair encoded, sorted by name then value). */
export function signatureBaseString(method: string, url: string, params: [string, string][]): string {
  const normalized = params
    .filter(([k]) => k !== 'oauth_signature')
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  return [method.toUpperCase(), percentEncode(baseStringUri(url)), percentEncode(normalized)].join('&');
}

export function hmacSha1Signature(baseString: string, consumerSecret: string, tokenSecret = ''): string {
  return createHmac('sha1', `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`).update(baseString).digest('base64');
}

export function verifyHmacSha1(given: string, baseString: string, consumerSecret: string, tokenSecret = ''): boolean {
  const expected = Buffer.from(hmacSha1Signature(baseString, consumerSecret, tokenSecret));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
