import { AppError } from '../common/errors';

/**
 * Where a login may send the reader back: a path on this server, or a page on
 * one of the news sites in ALLOWED_ORIGINS. Anything else would make the login
 * an open redirect.
 */
export function validateReturnTo(raw: unknown, publicUrl: string, allowedOrigins: string[]): string {
  if (raw === undefined || raw === '') return '/';
  const invalid = () =>
    AppError.validation(
      { en: 'returnTo must be a path on this server or a page of an allowed news site.', ko: 'returnTo는 이 서버의 경로이거나 허용된 뉴스 사이트의 주소여야 합니다.' },
      { fields: [{ field: 'returnTo', problems: ['not an allowed destination'] }] },
    );
  if (typeof raw !== 'string' || raw.length > 2048 || /[\u0000-\u001f\u007f\\]/.test(raw)) throw invalid();
  const self = new URL(publicUrl).origin;
  if (raw.startsWith('/')) {
    // "//evil.example" and "/\evil.example" are other hosts to a browser.
    if (raw.startsWith('//')) throw invalid();
    const resolved = new URL(raw, self);
    // Check what resolving made of it: /..//evil.example becomes //evil.example.
    if (resolved.origin !== self || resolved.pathname.startsWith('//')) throw invalid();
    return resolved.pathname + resolved.search + resolved.hash;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid();
  }
  if (url.username || url.password) throw invalid();
  if (url.origin !== self && !allowedOrigins.includes(url.origin)) throw invalid();
  return url.toString();
}

/** The reader's page with `authError=CODE` added to its query. */
export function withAuthError(returnTo: string, code: string, publicUrl: string): string {
  const relative = returnTo.startsWith('/');
  const url = new URL(returnTo, publicUrl);
  url.searchParams.set('authError', code);
  return relative ? url.pathname + url.search + url.hash : url.toString();
}
