import { HIT, type ContentRule } from '../rule';

const SEP = String.raw`[\s.\-‐–—)]{0,3}`;
// Mobile 010/011/016-019, +82 10, Seoul 02, other areas 031-064, internet phones 070, personal 050x.
const PHONE = new RegExp(
  String.raw`(?<![\d-])(?:` +
    String.raw`(?:\+?82${SEP}\(?0?)(?:1[016789]|2|[3-6][1-5]|70)` +
    String.raw`|\(?0(?:1[016789]|2|[3-6][1-5]|70|50[2-8])` +
    String.raw`)${SEP}\d{3,4}${SEP}\d{4}(?![\d])`,
  'g',
);
// Digits spelled in Hangul (공일공 일이삼사 …).
const SPELLED: Record<string, string> = { 공: '0', 영: '0', 빵: '0', 일: '1', 이: '2', 삼: '3', 사: '4', 오: '5', 육: '6', 륙: '6', 칠: '7', 팔: '8', 구: '9' };
const SPELLED_RUN = /[공영빵일이삼사오육륙칠팔구][공영빵일이삼사오육륙칠팔구\s\-.]{8,}[공영빵일이삼사오육륙칠팔구]/g;

/** pii.phone: private numbers in digits, with separators, with +82, or spelled out. Public business numbers (1588-1234) pass. */
export const piiPhone: ContentRule = ({ measure, digits }) => {
  const text = measure.text.normalize('NFKC');
  if (digits >= 9) {
    PHONE.lastIndex = 0;
    if (PHONE.test(text)) return HIT;
  }
  if (!/[공영빵]/.test(text)) return null;
  for (const run of text.match(SPELLED_RUN) ?? []) {
    const digits = run.replace(/[\s\-.]/g, '').replace(/./g, (c) => SPELLED[c] ?? '');
    if (/^0(1[016789]\d{7,8}|2\d{7,8}|[3-6][1-5]\d{7,8}|70\d{7,8})$/.test(digits)) return HIT;
  }
  return null;
};
