import { createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 3986 percent-encoding as OAuth 1.0a requires (RFC 5849 §3.6): everything but A-Z a-z 0-9 - . _ ~, UTF-8, upper-case hex. */
export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/**
 * The parameters of `Authorization: OAuth k="v", …`, percent-decoded
 * (RFC 5849 §3.5.1). `realm` is not a parameter. Null when the header is not
 * an OAuth one or is malformed (bad percent-encoding, a name given twice).
 */
export function parseAuthorizationHeader(header: string | undefined): Record<string, string> | null {
  const m = /^\s*OAuth\s+(.*)$/is.exec(header ?? '');
  if (!m) return null;
  const params: Record<string, string> = {};
  const rest = m[1].trim();
  const pair = /\s*([A-Za-z0-9_.~%-]+)\s*=\s*"([^"]*)"\s*(?:,|$)/y;
  let at = 0;
  while (at < rest.length) {
    pair.lastIndex = at;
    const p = pair.exec(rest);
    if (!p) return null;
    at = pair.lastIndex;
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(p[1]);
      value = decodeURIComponent(p[2]);
    } catch {
      return null;
    }
    if (name === 'realm') continue;
    if (Object.prototype.hasOwnProperty.call(params, name)) return null;
    params[name] = value;
  }
  return params;
}

/** RFC 5849 §3.4.1.2: scheme and host lower-case, default ports dropped, path kept as sent, no query or fragment. */
export function baseStringUri(url: string): string {
  const u = new URL(url);
  const defaultPort = u.port === '' || (u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443');
  return `${u.protocol.toLowerCase()}//${u.hostname.toLowerCase()}${defaultPort ? '' : ':' + u.port}${u.pathname || '/'}`;
}

/** Name/value pairs of an application/x-www-form-urlencoded string ("+" is a space), repeats kept in order. */
export function formPairs(encoded: string): [string, string][] {
  return [...new URLSearchParams(encoded)];
}

/** RFC 5849 §3.4.1.3.2: encode every name and value, sort by name then value (byte order), join with "=" and "&". */
export function normalizeParameters(params: [string, string][]): string {
  return params
    .filter(([k]) => k !== 'oauth_signature')
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/**
 * RFC 5849 §3.4.1: METHOD & encoded base string URI & encoded normalised
 * parameters. `params` are every parameter of the request: the OAuth ones
 * from the Authorization header (without realm), the query's, and a form
 * body's; `oauth_signature` is left out here.
 */
export function signatureBaseString(method: string, url: string, params: [string, string][]): string {
  return [method.toUpperCase(), percentEncode(baseStringUri(url)), percentEncode(normalizeParameters(params))].join('&');
}

/** RFC 5849 §3.4.2: key = encode(consumer secret) & encode(token secret), base64 HMAC-SHA1. */
export function hmacSha1Signature(baseString: string, consumerSecret: string, tokenSecret = ''): string {
  return createHmac('sha1', `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`).update(baseString).digest('base64');
}

/** Constant-time check of a base64 HMAC-SHA1 signature. */
export function verifyHmacSha1(given: string, baseString: string, consumerSecret: string, tokenSecret = ''): boolean {
  return constantTimeEqual(given, hmacSha1Signature(baseString, consumerSecret, tokenSecret));
}

/** Compares two strings without leaking where they differ (their lengths may leak). */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every parameter of a request for its signature base string (RFC 5849
 * §3.4.1.3.1): the Authorization header's OAuth parameters, the query's, and
 * the body's when it is application/x-www-form-urlencoded. Raw query and body
 * are used when known, so repeated names are kept.
 */
export function requestParameters(
  oauth: Record<string, string>,
  req: { query: Record<string, string>; form: Record<string, string>; rawQuery?: string; rawBody?: string; isForm: boolean },
): [string, string][] {
  const query = req.rawQuery !== undefined ? formPairs(req.rawQuery) : Object.entries(req.query);
  const body = !req.isForm ? [] : req.rawBody !== undefined ? formPairs(req.rawBody) : Object.entries(req.form);
  return [...Object.entries(oauth), ...query, ...body];
}

/**
 * Builds a signed `Authorization: OAuth …` header, as a client does (used by
 * the specs to craft requests a real client would never send).
 */
export function oauthAuthorizationHeader(input: {
  method: string;
  url: string;
  consumerKey: string;
  consumerSecret: string;
  token?: string;
  tokenSecret?: string;
  timestamp: number;
  nonce: string;
  /** Other oauth_* parameters to send in the header (oauth_callback, oauth_verifier). */
  oauth?: Record<string, string>;
  /** Form body parameters, signed but not put in the header. */
  form?: Record<string, string>;
}): string {
  const oauth: Record<string, string> = {
    oauth_consumer_key: input.consumerKey,
    oauth_nonce: input.nonce,
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(input.timestamp),
    oauth_version: '1.0',
    ...(input.token ? { oauth_token: input.token } : {}),
    ...input.oauth,
  };
  const u = new URL(input.url);
  const params: [string, string][] = [...Object.entries(oauth), ...u.searchParams, ...Object.entries(input.form ?? {})];
  oauth.oauth_signature = hmacSha1Signature(signatureBaseString(input.method, input.url, params), input.consumerSecret, input.tokenSecret ?? '');
  return (
    'OAuth ' +
    Object.entries(oauth)
      .map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`)
      .join(', ')
  );
}
