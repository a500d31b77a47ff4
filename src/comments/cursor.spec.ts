import { AppError } from '../common/errors';
import { decodeCursor, encodeCursor } from './cursor';

const ID = '0b7a4f1e-8d7c-4c1e-9a51-3f6f2b0c9d10';
const craft = (t: string, scope = 'a1:newest') => Buffer.from(JSON.stringify({ s: scope, t, id: ID })).toString('base64url');
const code = (raw: string, scope = 'a1:newest') => {
  try {
    decodeCursor(raw, scope);
    return 'ok';
  } catch (error) {
    return (error as AppError).code;
  }
};

describe('keyset cursors', () => {
  it('round-trips the keys of a page’s last item, as Postgres prints them', () => {
    const raw = encodeCursor('a1:newest', { t: '2026-12-01 12:34:56.123456+00', id: ID });
    expect(decodeCursor(raw, 'a1:newest')).toEqual({ t: '2026-12-01 12:34:56.123456+00', id: ID, a: undefined });
  });

  it.each(['2026-12-01 12:34:56+00', '2026-12-01T12:34:56.5Z', '2026-12-01 12:34:56.123456+09:30', '0001-01-01 00:00:00+00', '2026-02-28 23:59:59-15:59'])(
    'accepts the instant %s',
    (t) => expect(code(craft(t))).toBe('ok'),
  );

  it.each([
    ['the year 0000 (Postgres has no year zero)', '0000-01-01 00:00:00+00'],
    ['an offset of +99:99', '2026-12-01 12:00:00+99:99'],
    ['an offset of +16:00', '2026-12-01 12:00:00+16:00'],
    ['minutes of an offset past 59', '2026-12-01 12:00:00+09:60'],
    ['the 13th month', '2026-13-01 12:00:00+00'],
    ['30 February', '2026-02-30 12:00:00+00'],
    ['25 o’clock', '2026-12-01 25:00:00+00'],
    ['no zone', '2026-12-01 12:00:00'],
  ])('refuses %s with 400, before it reaches Postgres', (_label, t) => {
    expect(code(craft(t))).toBe('VALIDATION_FAILED');
  });

  it('refuses a cursor of another list', () => {
    expect(code(craft('2026-12-01 12:00:00+00', 'a2:newest'))).toBe('VALIDATION_FAILED');
  });
});
