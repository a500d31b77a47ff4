import { LOOK_ALIKE_TABLE } from './look-alike-letters.table';

/**
 * Cyrillic and Greek letters that look like Latin ones (Аdmin with a Cyrillic
 * А, ѕtaff with a Cyrillic ѕ, ΑDMIN with a Greek Α), read as the Latin letter
 * they pass for: the "skeleton" idea of Unicode Technical Standard #39,
 * limited to what can pass for a Latin word.
 *
 * Generated, not hand-written: look-alike-letters.table.ts is written by
 * scripts/generate-look-alikes.ts from the vendored subset of Unicode's
 * confusables.txt 14.0.0 in data/unicode-confusables/ (licence and
 * attribution there): every entry whose source is one Cyrillic or Greek
 * character and whose prototype is one ASCII Latin letter. One change:
 * confusables.txt gives lower-case l as the prototype of capital I and of what
 * looks like it; the three capitals mapped to it (Greek Ι, Cyrillic І and Ӏ)
 * read as I, since that is the letter they stand for in a capitalised word.
 *
 * Two readers: display names (reserved-names.ts, in the letter's own case) and
 * comment text (normalize.ts, folded to lower case, only in a word that mixes
 * them with Latin letters or is made of them alone: fuсk with a Cyrillic с).
 */
const LOOK_ALIKE_LETTERS = new Map<string, string>(LOOK_ALIKE_TABLE.map(([code, latin]) => [String.fromCharCode(code), latin]));

/**
 * The same in lower case, by UTF-16 code unit, for the matching form of
 * comments: a Cyrillic or Greek code unit to the code of its Latin letter, or 0.
 * Both cases of a source map (the text is case-folded before it is read).
 */
export const LOOK_ALIKE_LOWER: ReadonlyMap<number, number> = (() => {
  const m = new Map<number, number>();
  // A small letter's own entry first (υ is u); a capital's entry only gives its small letter when that has none (Υ is Y, υ stays u).
  for (const [code, latin] of LOOK_ALIKE_TABLE) m.set(code, latin.toLowerCase().charCodeAt(0));
  for (const [code, latin] of LOOK_ALIKE_TABLE) {
    const lower = String.fromCharCode(code).toLowerCase();
    if (lower.length === 1 && !m.has(lower.charCodeAt(0))) m.set(lower.charCodeAt(0), latin.toLowerCase().charCodeAt(0));
  }
  return m;
})();

const GREEK_OR_CYRILLIC = /[\u0370-\u03ff\u0400-\u052f\u1f00-\u1fff\ua640-\ua69f]/;
const GREEK_OR_CYRILLIC_ALL = new RegExp(GREEK_OR_CYRILLIC.source, 'g');

/**
 * The text with every Cyrillic or Greek look-alike read as its Latin letter,
 * in the case the table gives (the letter's own case, so that camelCase still
 * shows where a word begins). Decomposed first, so that ё and ά are read as e
 * and a with their accent, which the matching form drops anyway. A text with
 * no Greek or Cyrillic comes back as it was.
 */
export function latinLookAlikes(text: string): string {
  if (!GREEK_OR_CYRILLIC.test(text)) return text;
  return text
    .normalize('NFD')
    .replace(GREEK_OR_CYRILLIC_ALL, (c) => LOOK_ALIKE_LETTERS.get(c) ?? c)
    .normalize('NFC');
}
