import type { ContentRule } from '../rule';

/**
 * 씨발 written with the number 18 or 8 (시팔, "sip-pal"): 아18, 개18, 씨8, c8,
 * 18놈. Normalisation drops digits, so the list cannot see these; the pattern
 * is kept narrow (a swear syllable right before the number, or a curse right
 * after it, followed by a space, punctuation or laughter) so that ages,
 * years, times and counts (18살, 2018년, 3시8분, 개8마리) pass; c8 only in lower case
 * (C8 is a Corvette).
 */
const NUMBER_SWEAR = /(?<![\p{L}\p{N}.,])(?:(?:아|개|씨|시|ㅅ|ㅆ|c)(?:18|8)(?=$|[\s\p{P}\p{S}ㄱ-ㅎㅏ-ㅣ]|[놈년새])|18(?:놈|년아|새끼|새기))/u;

/**
 * profanity: the profanity list, matched on the shared normalised form by the one automaton of all lists
 * (see normalize.ts and word-list.ts). Its `hold` entries, words that are also names or news vocabulary
 * (the Sibal car), hold for review instead.
 */
export const profanity: ContentRule = ({ hits, measure, digits }) => {
  if (hits.profanity.size || (digits > 0 && NUMBER_SWEAR.test(measure.text))) return { details: { kind: 'profanity' } };
  return hits['profanity.hold']?.size ? { action: 'hold', details: { kind: 'profanity' } } : null;
};
