/** Times and durations as readers say them, in Korean or English ("3분 전", "3 minutes ago"). */
export type Lang = 'ko' | 'en';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "방금" / "just now" under a minute, then minutes, hours and days, then the date from a week on. */
export function relativeTime(iso: string, lang: Lang, now = Date.now()): string {
  const seconds = Math.round((now - Date.parse(iso)) / 1000);
  if (seconds < 60) return lang === 'ko' ? '방금' : 'just now';
  if (seconds >= 7 * 86_400) return new Intl.DateTimeFormat(lang, { dateStyle: 'medium' }).format(new Date(iso));
  const format = new Intl.RelativeTimeFormat(lang, { numeric: 'always' });
  for (const [unit, size] of UNITS) if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  return format.format(-seconds, 'second');
}

/** A moment in full, for a tooltip or an end date: "2026년 11월 25일 오후 3:04" / "November 25, 2026 at 3:04 PM". */
export function fullTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

/** A wait in words: "42초" / "42 seconds", "3시간 5분" / "3 hours 5 minutes". */
export function duration(totalSeconds: number, lang: Lang): string {
  const s = Math.max(0, Math.ceil(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (lang === 'ko') {
    if (h) return m ? `${h}시간 ${m}분` : `${h}시간`;
    if (m) return sec ? `${m}분 ${sec}초` : `${m}분`;
    return `${sec}초`;
  }
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (h) return m ? `${unit(h, 'hour')} ${unit(m, 'minute')}` : unit(h, 'hour');
  if (m) return sec ? `${unit(m, 'minute')} ${unit(sec, 'second')}` : unit(m, 'minute');
  return unit(sec, 'second');
}
