import { fromKoreanLayout, recomposeToken, toCompatibilityJamo } from './hangul';
import { LOOK_ALIKE_LOWER } from './look-alike-letters';

/**
 * The one matching form every list rule reads (policy.md, "Normalisation
 * before matching"). The original text is what is stored and shown; this is
 * only what the lists are matched against.
 *
 *   text    tokens of letters, separated by single spaces
 *   layout  Hangul read from Latin typed on a Korean keyboard (tlqkf → 시발), if any
 *
 * Jamo: policy.md asks that ㅅㅂ, ㅅㅣㅂㅏㄹ and 시발 meet. They meet here by
 * taking every token that holds loose jamo apart into jamo and composing it
 * again as a Korean input method would (ㅅㅣㅂㅏㄹ, 시바ㄹ, 씨ㅂㅏㄹ → 시발);
 * the lists then match whole syllables. Matching on a fully decomposed form
 * instead would let a listed word match across a syllable's final consonant
 * (애미 inside 애민정신, ㅅㅂ inside 옷보다's ㅅ+ㅂ) and cost 2.5 times the
 * characters. Bare initials (ㅅㅂ, ㅂㅅ, ㅈㄹ) are never derived from syllables,
 * which would make every 시발점 and 부서 hit: they are list entries of their
 * own, matched only where a reader typed the initials.
 */
export interface MatchForm {
  text: string;
  layout: string;
  /**
   * Latin words with letters masked by `*` (f**k, sh*t), as typed, folded:
   * word-list.ts reads each as the listed word it can only be. Undefined when none.
   */
  masked?: string[] | undefined;
}

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad\u180e]/g;
const LOOK_ALIKES: Record<string, string> = { '@': 'a', '0': 'o', '1': 'i', '3': 'e', $: 's', '4': 'a', '5': 's', '7': 't', '!': 'i', '|': 'l', '€': 'e' };
/** `*` hides letters of a word (f**k, sh*t); `#` too, less often. */
const MASK = 0x2a;
const MASK2 = 0x23;
const LETTER = /\p{L}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Characters on which NFKC, accent folding and jamo mapping change nothing: most comments are only these. */
function plain(c: number): boolean {
  return (c >= 0x20 && c <= 0x7e) || c === 0x0a || c === 0x09 || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x3131 && c <= 0x318e) || (c >= 0x4e00 && c <= 0x9fff);
}

/**
 * Case, width, accents and invisible characters folded away. NFKC folds
 * full-width and mathematical letters; NFKD + dropping marks folds accents
 * (NFC recomposes Hangul); compatibility normalisation turns ㅅ into ᄉ, so
 * loose jamo are mapped back last.
 */
export function foldCase(text: string): string {
  let fast = true;
  for (let i = 0; i < text.length; i++) {
    if (!plain(text.charCodeAt(i))) {
      fast = false;
      break;
    }
  }
  if (fast) return text.toLowerCase();
  return toCompatibilityJamo(
    text
      .normalize('NFKC')
      .replace(ZERO_WIDTH, '')
      .normalize('NFKD')
      .replace(/(?<=[A-Za-z])\p{M}+/gu, '')
      .normalize('NFC'),
  ).toLowerCase();
}

function isLetter(c: number, ch: string): boolean {
  if (c >= 0x61 && c <= 0x7a) return true;
  if (c < 0x80) return false;
  if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x3131 && c <= 0x318e) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3041 && c <= 0x30fa)) return true;
  return LETTER.test(ch);
}

/** Long repeats collapse: fuuuuck → fuck, ㅋㅋㅋㅋ → ㅋ; a double letter (ss, 쓰쓰) stays. Works on code units in place. */
function collapseRepeats(codes: number[]): number[] {
  let w = 0;
  for (let i = 0; i < codes.length; ) {
    let j = i + 1;
    while (j < codes.length && codes[j] === codes[i]) j++;
    const keep = j - i >= 3 ? 1 : j - i;
    for (let k = 0; k < keep; k++) codes[w++] = codes[i];
    i = j;
  }
  codes.length = w;
  return codes;
}

const LOOK_ALIKE_ASCII = new Uint8Array(0x80);
for (const [k, v] of Object.entries(LOOK_ALIKES)) if (k.charCodeAt(0) < 0x80) LOOK_ALIKE_ASCII[k.charCodeAt(0)] = v.charCodeAt(0);

/**
 * What each UTF-16 code unit is to the tokenizer, looked up in one table
 * instead of a chain of range tests: most comments are long runs of Hangul
 * syllables and ASCII, and this loop runs over every one of them.
 */
const LATIN_RUN = /[A-Za-z]{3}/;
const SPACE = 1;
const LATIN_LETTER = 2;
/** Hangul syllables, CJK ideographs, kana: letters that need no folding. */
const PLAIN_LETTER = 3;
const CLASS = new Uint8Array(0x10000);
for (const c of [0x20, 0x0a, 0x09, 0x0d, 0x3000, 0xa0, 0x0b, 0x0c, 0x2028, 0x2029]) CLASS[c] = SPACE;
for (let c = 0x2000; c <= 0x200a; c++) CLASS[c] = SPACE;
for (let c = 0x61; c <= 0x7a; c++) CLASS[c] = LATIN_LETTER;
for (const [from, to] of [
  [0xac00, 0xd7a3],
  [0x4e00, 0x9fff],
  [0x3041, 0x30fa],
]) {
  for (let c = from; c <= to; c++) CLASS[c] = PLAIN_LETTER;
}

/** Whether a letter comes before the end of the token, past any further look-alike symbols (sh!!t). */
function letterFollows(folded: string, from: number, end: number): boolean {
  for (let k = from; k < end; k++) {
    const c = folded.charCodeAt(k);
    if (c < 0x80 ? LOOK_ALIKE_ASCII[c] || c === MASK || c === MASK2 : c === 0x20ac) continue;
    return isLetter(c, folded[k]) || LOOK_ALIKE_LOWER.has(c);
  }
  return false;
}

/** Reads Greek and Cyrillic look-alikes as Latin in this token: it has Latin letters, or all its letters are look-alikes. */
function lookAlikeWord(folded: string, from: number, end: number, latin: boolean): boolean {
  let any = false;
  let all = true;
  for (let k = from; k < end; k++) {
    const c = folded.charCodeAt(k);
    if (c < 0x370 || c > 0xa69f) continue;
    if (LOOK_ALIKE_LOWER.has(c)) any = true;
    else if (LETTER.test(folded[k])) all = false;
  }
  return any && (latin || all);
}

/** The masked word as the list matcher reads it: lower-case Latin letters and masks, trailing punctuation dropped. */
function maskedWord(folded: string, from: number, end: number, greekCyrillic: boolean): string {
  let w = '';
  for (let k = from; k < end; k++) {
    let c = folded.charCodeAt(k);
    if (greekCyrillic && c >= 0x370) c = LOOK_ALIKE_LOWER.get(c) ?? c;
    if (c === MASK || c === MASK2) w += '*';
    else if (c >= 0x61 && c <= 0x7a) w += String.fromCharCode(c);
    else if (c < 0x80 && LOOK_ALIKE_ASCII[c] && w && letterFollows(folded, k + 1, end)) w += String.fromCharCode(LOOK_ALIKE_ASCII[c]);
  }
  return w;
}

/**
 * The matching form of a text already folded by foldCase, in one pass over
 * its code units: each whitespace-separated token keeps only its letters
 * (look-alikes mapped in Latin words, so 시1발, f.u.c.k, sh1t, 병-신 become
 * words), long repeats collapse, and a word spelled one letter at a time
 * (f u c k, 시 1 발, ㅅ ㅣ ㅂ ㅏ ㄹ) is joined back.
 */
export function matchFormOfFolded(folded: string, original: string): MatchForm {
  const words: string[] = [];
  let masks: string[] | undefined;
  let single: number[] = [];
  let singleJamo = false;
  const flushSingle = () => {
    if (!single.length) return;
    const w = String.fromCharCode(...single);
    words.push(singleJamo ? recomposeToken(w) : w);
    single = [];
    singleJamo = false;
  };
  const n = folded.length;
  let i = 0;
  while (i < n) {
    while (i < n && CLASS[folded.charCodeAt(i)] === SPACE) i++;
    let j = i;
    let latin = false;
    // A token of plain letters with no long repeat (most words) is kept as a slice, with no copying.
    let clean = true;
    // Greek or Cyrillic in the token (look-alikes are only looked for then).
    let greekOrCyrillic = false;
    let prev = -1;
    let repeat = 0;
    while (j < n) {
      const c = folded.charCodeAt(j);
      const cls = CLASS[c];
      if (cls === SPACE) break;
      if (cls === LATIN_LETTER) latin = true;
      else if (cls !== PLAIN_LETTER) {
        clean = false;
        if (c >= 0x370 && c <= 0xa69f) greekOrCyrillic = true;
      }
      repeat = c === prev ? repeat + 1 : 0;
      if (repeat >= 2) clean = false;
      prev = c;
      j++;
    }
    if (j === i) break;
    let word: string;
    if (clean) {
      word = folded.slice(i, j);
    } else {
      const codes: number[] = [];
      let jamo = false;
      // Greek and Cyrillic look-alikes (fuсk with a Cyrillic с) are read as Latin in a word that
      // has Latin letters, or that is made of look-alikes alone; a Russian or Greek word with
      // other letters stays as it is.
      const greekCyrillic = greekOrCyrillic && lookAlikeWord(folded, i, j, latin);
      if (greekCyrillic) latin = true;
      // A symbol or digit stands for a letter only between letters (sh1t, b!tch, p0rn): at the
      // edge of a word it is punctuation or a number ("Fuck!", "kys!", covid19).
      let masked = false;
      for (let k = i; k < j; k++) {
        let c = folded.charCodeAt(k);
        if (greekCyrillic && c >= 0x370) c = LOOK_ALIKE_LOWER.get(c) ?? c;
        if (latin && (c < 0x80 ? LOOK_ALIKE_ASCII[c] : c === 0x20ac) && codes.length && isLetter(codes[codes.length - 1], String.fromCharCode(codes[codes.length - 1]))) {
          if (!letterFollows(folded, k + 1, j)) continue;
          c = c === 0x20ac ? 0x65 : LOOK_ALIKE_ASCII[c];
        } else if (latin && (c === MASK || c === MASK2) && codes.length && letterFollows(folded, k + 1, j)) {
          masked = true;
        }
        if (!isLetter(c, folded[k])) continue;
        if (c >= 0x3131 && c <= 0x318e) jamo = true;
        codes.push(c);
      }
      if (masked) (masks ??= []).push(maskedWord(folded, i, j, greekCyrillic));
      i = j;
      if (!codes.length) continue;
      collapseRepeats(codes);
      word = String.fromCharCode(...codes);
      if (jamo) word = recomposeToken(word);
      if (codes.length === 1) {
        single.push(word.charCodeAt(0));
        singleJamo ||= jamo;
        continue;
      }
    }
    i = j;
    if (word.length === 1) {
      single.push(word.charCodeAt(0));
      continue;
    }
    flushSingle();
    words.push(word);
  }
  flushSingle();

  // Runs of 3 to 20 Latin letters in the original (case matters: Shift gives ㅆ, ㅃ, …) may be Korean typed in the wrong layout.
  let layout = '';
  for (let k = LATIN_RUN.test(original) ? 0 : original.length; k < original.length; ) {
    const c = original.charCodeAt(k) | 0x20;
    if (c < 0x61 || c > 0x7a) {
      k++;
      continue;
    }
    let end = k + 1;
    while (end < original.length && (original.charCodeAt(end) | 0x20) >= 0x61 && (original.charCodeAt(end) | 0x20) <= 0x7a) end++;
    if (end - k >= 3 && end - k <= 20) {
      const hangul = fromKoreanLayout(original.slice(k, end));
      if (hangul) layout += (layout ? ' ' : '') + hangul;
    }
    k = end;
  }
  // One object shape whether or not there are masked words: the rules read it on every comment.
  return { text: words.join(' '), layout, masked: masks };
}

export function toMatchForm(body: string): MatchForm {
  return matchFormOfFolded(foldCase(body), body.normalize('NFKC'));
}

/** Same for list entries, so that the Standards Board can write words as readers do. */
export function normalizeListEntry(entry: string): string {
  // A phrase keeps its word boundaries, in any language: "kill yourself", and allow-list entries
  // such as "새끼 고양이" or "꺼져 있" that must cover a listed word followed by another word.
  return toMatchForm(entry).text;
}

/**
 * Near-duplicates meet: case, spacing, punctuation and repeats do not change
 * the fingerprint. It only has to tell one author's comments of a day apart,
 * so a 128-bit non-cryptographic hash (four multiply-xorshift lanes over the
 * code units, cyrb128-style) does, computed in place without building the
 * letters-only string; SHA-256 cost more than all the list rules together.
 */
export function fingerprintOfFolded(folded: string): string {
  return fingerprintAndDigits(folded).fingerprint;
}

/** The fingerprint, and on the same pass the number of digits, which the number rules use to skip most texts. */
export function fingerprintAndDigits(folded: string): { fingerprint: string; digits: number } {
  let digits = 0;
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  let prev = -1;
  let run = 0;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (!((c >= 0x61 && c <= 0x7a) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x80 && LETTER_OR_DIGIT.test(folded[i])))) continue;
    // A run of one character counts as at most two: ㅋㅋ, ㅋㅋㅋ and ㅋㅋㅋㅋㅋ are the same; ㅋ is not.
    run = c === prev ? run + 1 : 1;
    prev = c;
    if (run >= 3) continue;
    h1 = h2 ^ Math.imul(h1 ^ c, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ c, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ c, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ c, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return { fingerprint: hex(h1) + hex(h2) + hex(h3) + hex(h4), digits };
}

const HEX_BYTE = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
const hex = (n: number) => HEX_BYTE[(n >>> 24) & 0xff] + HEX_BYTE[(n >>> 16) & 0xff] + HEX_BYTE[(n >>> 8) & 0xff] + HEX_BYTE[n & 0xff];

export function fingerprint(body: string): string {
  return fingerprintOfFolded(foldCase(body));
}
