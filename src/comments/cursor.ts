import { AppError } from '../common/errors';

/**
 * Keyset cursors: the sort keys of the last item of a page, base64url JSON.
 * Opaque to clients; anything that does not decode to the same sort's keys is a 400.
 */
export type CommentSort = 'newest' | 'oldest' | 'agreed';

export interface CursorKeys {
  /** created_at as Postgres prints it, to the microsecond: a JS Date would round and skip ties. */
  t: string;
  id: string;
  /** agree_count, for sort=agreed */
  a?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const PG_TIME = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

/**
 * The timestamp names a real instant Postgres accepts: the pattern alone lets
 * 2026-13-40, 25:61, the year 0000 (Postgres has no year zero) or an offset of
 * +99:99 through, and each of those is a Postgres error (a 500), not a 400.
 */
function realInstant(t: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:([+-])(\d{2}):?(\d{2})?|Z)$/.exec(t);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number);
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return false;
  // Postgres takes offsets up to ±15:59.
  const offsetHours = m[8] === undefined ? 0 : Number(m[8]);
  const offsetMinutes = m[9] === undefined ? 0 : Number(m[9]);
  return offsetHours <= 15 && offsetMinutes <= 59;
}

export function encodeCursor(scope: string, keys: CursorKeys): string {
  return Buffer.from(JSON.stringify({ s: scope, ...keys })).toString('base64url');
}

export function decodeCursor(raw: string | undefined, scope: string): CursorKeys | null {
  if (raw === undefined || raw === '') return null;
  const bad = () =>
    AppError.validation({ en: 'The cursor is not valid for this list.', ko: '목록 위치(cursor)가 올바르지 않습니다.' }, { fields: [{ field: 'cursor', problems: ['malformed cursor'] }] });
  if (raw.length > 512 || !/^[A-Za-z0-9_-]+$/.test(raw)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const c = parsed as { s?: unknown; t?: unknown; id?: unknown; a?: unknown };
  if (!c || typeof c !== 'object' || c.s !== scope || typeof c.t !== 'string' || !PG_TIME.test(c.t) || !realInstant(c.t) || typeof c.id !== 'string' || !UUID.test(c.id)) throw bad();
  if (scope.endsWith(':agreed') && (typeof c.a !== 'number' || !Number.isInteger(c.a) || c.a < 0 || c.a > 2147483647)) throw bad();
  return { t: c.t, id: c.id, a: c.a as number | undefined };
}
