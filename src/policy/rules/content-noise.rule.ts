import { HIT, type Rule } from '../rule';

// Letters and digits that carry content; loose Hangul jamo (ㅋㅋ, ㅠㅠ) do not.
const CONTENT = /[\p{L}\p{N}]/u;
const LOOSE_JAMO = /[\u3131-\u318e\u1100-\u11ff]/gu;

/** content.noise: no letter or digit at all, or nothing but a throwaway word ("first", 1등). */
export const contentNoise: Rule = ({ measure, lists }) => {
  const stripped = measure.text.replace(LOOSE_JAMO, '');
  if (!CONTENT.test(stripped)) return HIT;
  const word = measure.text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  return lists.noiseWords.has(word) ? HIT : null;
};
