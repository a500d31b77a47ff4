import { HIT, type ContentRule } from '../rule';

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Carries content: a letter or digit that is not a loose Hangul jamo (ㅋㅋ, ㅠㅠ carry none). */
function hasContent(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xac00 && c <= 0xd7a3)) return true;
    if (c < 0x80 || (c >= 0x3131 && c <= 0x318e) || (c >= 0x1100 && c <= 0x11ff)) continue;
    if (LETTER_OR_DIGIT.test(text[i])) return true;
  }
  return false;
}

/** content.noise: no letter or digit at all, or nothing but a throwaway word ("first", 1등). */
export const contentNoise: ContentRule = ({ measure, lists }) => {
  if (!hasContent(measure.text)) return HIT;
  if (measure.length > 24) return null;
  // Laughter and crying around the word (1빠 ㅋㅋ, first!! ㅠㅠ) add nothing to it.
  const word = measure.text.toLowerCase().replace(/[^\p{L}\p{N}]|[\u3131-\u318e]/gu, '');
  return lists.noiseWords.has(word) ? HIT : null;
};
