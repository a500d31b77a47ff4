import { ApiError } from './api';
import type { Texts } from './i18n';

/** A ban is a suspension until the end of 9999 (docs/api.md); anything past a century reads as permanent. */
const PERMANENT_AFTER_MS = 100 * 365 * 86_400_000;

export function formatTime(iso: string, t: Texts): string {
  return new Intl.DateTimeFormat(t.lang === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function isPermanent(until: string): boolean {
  return new Date(until).getTime() - Date.now() > PERMANENT_AFTER_MS;
}

/** The end of a sanction in words: a date, or "banned". */
export function sanctionEnd(until: string, t: Texts): string {
  return isPermanent(until) ? t.banned : t.suspendedUntil(formatTime(until, t));
}

/**
 * A failed request in a sentence: ours for what the console can explain,
 * else the server's own message (it follows Accept-Language), never a bare code.
 */
export function errorText(error: unknown, t: Texts): string {
  if (error instanceof ApiError) return t.errors[error.code] ?? (error.message || t.errors.fallback);
  return t.errors.fallback;
}
