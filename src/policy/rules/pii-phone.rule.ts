import type { ContentRule, Hit } from '../rule';

const SEP = String.raw`[\s.\-‐–—)]{0,3}`;
// Mobile 010/011/016-019, +82 10 (also +82 (0)10), Seoul 02, other areas 031-064, internet phones 070, personal 050x.
const PHONE = new RegExp(
  String.raw`(?<![\d-])(?:` +
    String.raw`(?:\+?82${SEP}\(?0?\)?${SEP})(?:1[016789]|2|[3-6][1-5]|70)` +
    String.raw`|\(?0(?:1[016789]|2|[3-6][1-5]|70|50[2-8])` +
    String.raw`)${SEP}\d{3,4}${SEP}\d{4}(?![\d])`,
  'g',
);
/** A Seoul landline (02): embassies, public bodies and businesses publish these; a moderator tells them from a private one. */
const SEOUL = /^(?:\+?82[\s.\-‐–—)]{0,3}\(?0?\)?[\s.\-‐–—)]{0,3}|\(?0)2(?!\d)/;
// Digits spelled in Hangul (공일공 일이삼사 …).
const SPELLED: Record<string, string> = { 공: '0', 영: '0', 빵: '0', 일: '1', 이: '2', 삼: '3', 사: '4', 오: '5', 육: '6', 륙: '6', 칠: '7', 팔: '8', 구: '9' };
const SPELLED_RUN = /[공영빵일이삼사오육륙칠팔구][공영빵일이삼사오육륙칠팔구\s\-.]{8,}[공영빵일이삼사오육륙칠팔구]/g;
/** Words the automaton looks for (engine.ts, the hidden `cues` list): spelled-out numbers start with one. */
export const NUMBER_CUES = ['zero', 'oh', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const NUMBER_CUE_SET = new Set(NUMBER_CUES);
// Digits spelled in English (zero one zero, one two three four …), "oh" and "o" for zero.
const ENGLISH_DIGITS: Record<string, string> = { zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9' };
const ENGLISH_RUN = /\b(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine|\d+)(?:[\s,.\-]+(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine|\d+)){3,}\b/gi;
// A letter for a digit inside a number (0I0-1234-5678, OlO): O for 0, I, l and | for 1.
const LETTER_DIGITS = /[0-9oOIl|][0-9oOIl|\s.\-‐–—()+]{7,}[0-9oOIl|]/g;
const PRIVATE = /^0(?:1[016789]\d{7,8}|2\d{7,8}|[3-6][1-5]\d{7,8}|70\d{7,8}|50[2-8]\d{7,8})$/;

/** A number word among the cues the automaton found, and at least two of them (a spelled number has seven or more). */
function spelledNumber(cues: ReadonlySet<string> | undefined): boolean {
  if (!cues || cues.size < 2) return false;
  let n = 0;
  for (const w of cues) if (NUMBER_CUE_SET.has(w) && ++n >= 2) return true;
  return false;
}

const REJECT: Hit = {};
const HOLD: Hit = { action: 'hold', details: { kind: 'landline' } };

/** The strictest finding among the numbers in a text: a private number refuses, a Seoul landline holds. */
function classify(text: string): Hit | null {
  let held = false;
  PHONE.lastIndex = 0;
  for (const m of text.matchAll(PHONE)) {
    if (!SEOUL.test(m[0])) return REJECT;
    held = true;
  }
  return held ? HOLD : null;
}

/**
 * pii.phone: private numbers in digits, with separators, with +82 (and +82 (0)10), with a letter for a
 * digit (0I0), or spelled out in Hangul or English. Public business numbers (1588-1234) pass; a Seoul
 * landline (02), which embassies and public offices publish, is held for a moderator rather than refused.
 */
export const piiPhone: ContentRule = ({ measure, digits, hits }) => {
  const text = measure.text.normalize('NFKC');
  if (digits >= 9) {
    const hit = classify(text);
    if (hit) return hit;
  }
  if (digits >= 5) {
    for (const run of text.match(LETTER_DIGITS) ?? []) {
      if (!/[oOIl|]/.test(run) || (run.match(/\d/g)?.length ?? 0) < 5) continue;
      const hit = classify(run.replace(/[oO]/g, '0').replace(/[Il|]/g, '1'));
      if (hit) return hit;
    }
  }
  if (/[공영빵]/.test(text)) {
    for (const run of text.match(SPELLED_RUN) ?? []) {
      const d = run.replace(/[\s\-.]/g, '').replace(/./g, (c) => SPELLED[c] ?? '');
      if (PRIVATE.test(d)) return d.startsWith('02') ? HOLD : REJECT;
    }
  }
  if (spelledNumber(hits.cues)) {
    for (const run of text.match(ENGLISH_RUN) ?? []) {
      const d = run
        .toLowerCase()
        .split(/[\s,.\-]+/)
        .map((w) => ENGLISH_DIGITS[w] ?? w)
        .join('');
      if (PRIVATE.test(d)) return d.startsWith('02') ? HOLD : REJECT;
    }
  }
  return null;
};
