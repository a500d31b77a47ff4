/**
 * The scorer's features: character n-grams of the folded text, hashed into a
 * fixed space (FEATURE_BITS) with FNV-1a over code points, so that no n-gram
 * string is ever built. Two streams:
 *
 *   syllables  every letter or digit as written (Hangul syllables, Latin,
 *              digits folded to 0), words separated by one space: 1- to 5-grams
 *   jamo       the same with each Hangul syllable taken apart into its jamo
 *              arithmetically (시 → ㅅ ㅣ): 2- to 8-grams, which meet the
 *              spellings that differ in one consonant (씨발, 시발, 십알)
 *   words      each word of the syllable stream hashed into one unit, then
 *              word 1- and 2-grams: a whole eojeol (word with its particles)
 *              and a pair of neighbours, which the character n-grams only
 *              see in pieces
 *
 * Long repeats collapse to two (ㅋㅋㅋㅋ → ㅋㅋ), as in the fingerprint.
 * Scoring adds the weight of every n-gram occurrence and divides by the square
 * root of their number, so the training script and the engine compute one
 * and the same thing without sorting or counting.
 */
export const FEATURE_BITS = 20;
export const FEATURE_MASK = (1 << FEATURE_BITS) - 1;

export interface FeatureSettings {
  syllableMin: number;
  syllableMax: number;
  jamoMin: number;
  jamoMax: number;
  /** Word n-grams; 0 for off (files written before the word stream have none). */
  wordMin: number;
  wordMax: number;
  /** Syllable n-grams of the text with its spaces taken out (Korean spacing is loose: 개 새끼 / 개새끼); 0 for off. */
  compactMin: number;
  compactMax: number;
}

export const DEFAULT_FEATURES: FeatureSettings = { syllableMin: 1, syllableMax: 5, jamoMin: 2, jamoMax: 5, wordMin: 0, wordMax: 0, compactMin: 0, compactMax: 0 };

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
/** Mixed into the first step so a syllable n-gram and a jamo n-gram of the same code points land apart. */
export const SYLLABLE_SEED = 0x9e3779b1;
export const JAMO_SEED = 0x85ebca77;
export const WORD_SEED = 0xc2b2ae3d;
export const COMPACT_SEED = 0x27d4eb2f;
const SPACE = 0x20;

/** A stream unit: a code point of the folded text, or a jamo index in a private range. */
const JAMO_BASE = 0x110000;

/**
 * The units of a folded text: letters and digits, one space between words,
 * long repeats cut to two. `units` and `origin` (the index in `text` each unit
 * came from) are reused buffers.
 */
export interface Units {
  units: Int32Array;
  origin: Int32Array;
  length: number;
  /** Letters (Hangul or not) and Hangul letters among them: the scorer abstains on text that is not Korean enough. */
  letters: number;
  hangul: number;
  /** For the word stream: the index in `text` of each word's last character (origin holds its first). */
  end?: Int32Array;
}

const LETTER = /\p{L}/u;

function isHangul(c: number): boolean {
  return (c >= 0xac00 && c <= 0xd7a3) || (c >= 0x3131 && c <= 0x318e);
}

export function toUnits(folded: string, into?: Units): Units {
  const cap = folded.length + 2;
  const out: Units =
    into && into.units.length >= cap ? into : { units: new Int32Array(Math.max(cap, 512)), origin: new Int32Array(Math.max(cap, 512)), length: 0, letters: 0, hangul: 0 };
  let n = 0;
  let letters = 0;
  let hangul = 0;
  let prev = -1;
  let run = 0;
  for (let i = 0; i < folded.length; i++) {
    let c = folded.charCodeAt(i);
    let unit: number;
    if ((c >= 0x61 && c <= 0x7a) || isHangul(c)) {
      letters++;
      if (isHangul(c)) hangul++;
      unit = c;
    } else if (c >= 0x30 && c <= 0x39) {
      unit = 0x30;
    } else if (c >= 0x80 && !(c >= 0xd800 && c <= 0xdfff) && LETTER.test(folded[i])) {
      letters++;
      unit = c;
    } else {
      // Anything else separates words: spaces, punctuation, emoji.
      unit = SPACE;
      c = SPACE;
    }
    if (unit === SPACE && (n === 0 || out.units[n - 1] === SPACE)) continue;
    run = unit === prev ? run + 1 : 1;
    prev = unit;
    if (run > 2) continue;
    out.units[n] = unit;
    out.origin[n] = i;
    n++;
  }
  if (n > 0 && out.units[n - 1] === SPACE) n--;
  out.length = n;
  out.letters = letters;
  out.hangul = hangul;
  return out;
}

/** The jamo stream of the units: a Hangul syllable becomes two or three units (initial, vowel, final), each remembering its syllable. */
export function toJamo(u: Units, into?: Units): Units {
  const cap = u.length * 3 + 2;
  const out: Units =
    into && into.units.length >= cap ? into : { units: new Int32Array(Math.max(cap, 1024)), origin: new Int32Array(Math.max(cap, 1024)), length: 0, letters: u.letters, hangul: u.hangul };
  let n = 0;
  for (let i = 0; i < u.length; i++) {
    const c = u.units[i];
    const at = u.origin[i];
    if (c >= 0xac00 && c <= 0xd7a3) {
      const s = c - 0xac00;
      out.units[n] = JAMO_BASE + Math.floor(s / 588);
      out.origin[n++] = at;
      out.units[n] = JAMO_BASE + 32 + Math.floor((s % 588) / 28);
      out.origin[n++] = at;
      const jong = s % 28;
      if (jong) {
        out.units[n] = JAMO_BASE + 64 + jong;
        out.origin[n++] = at;
      }
    } else {
      out.units[n] = c;
      out.origin[n++] = at;
    }
  }
  out.length = n;
  out.letters = u.letters;
  out.hangul = u.hangul;
  return out;
}

/** The units without their spaces. */
export function toCompact(u: Units, into?: Units): Units {
  const cap = u.length + 2;
  const out: Units =
    into && into.units.length >= cap ? into : { units: new Int32Array(Math.max(cap, 512)), origin: new Int32Array(Math.max(cap, 512)), length: 0, letters: u.letters, hangul: u.hangul };
  let n = 0;
  for (let i = 0; i < u.length; i++) {
    if (u.units[i] === SPACE) continue;
    out.units[n] = u.units[i];
    out.origin[n++] = u.origin[i];
  }
  out.length = n;
  out.letters = u.letters;
  out.hangul = u.hangul;
  return out;
}

/** The word stream of the units: every run of non-space units hashed (FNV-1a) into one unit. */
export function toWords(u: Units, into?: Units): Units {
  const cap = Math.ceil(u.length / 2) + 2;
  const out: Units =
    into && into.units.length >= cap && into.end ? into : { units: new Int32Array(Math.max(cap, 256)), origin: new Int32Array(Math.max(cap, 256)), end: new Int32Array(Math.max(cap, 256)), length: 0, letters: u.letters, hangul: u.hangul };
  const end = out.end!;
  let n = 0;
  let h = 0;
  let inWord = false;
  for (let i = 0; i < u.length; i++) {
    const c = u.units[i];
    if (c === SPACE) {
      if (inWord) {
        // Never the space unit itself, which forEachNgram skips as a unigram.
        out.units[n] = h === SPACE ? SPACE + 1 : h;
        end[n++] = u.origin[i - 1];
        inWord = false;
      }
      continue;
    }
    if (!inWord) {
      h = FNV_OFFSET;
      out.origin[n] = u.origin[i];
      inWord = true;
    }
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  if (inWord) {
    out.units[n] = h === SPACE ? SPACE + 1 : h;
    end[n++] = u.origin[u.length - 1];
  }
  out.length = n;
  out.letters = u.letters;
  out.hangul = u.hangul;
  return out;
}

/**
 * Calls `emit(index, start, end)` for every n-gram of orders min..max of a
 * stream (start/end: the indices of its first and last unit). Returns how many
 * were emitted. An n-gram made only of a space is skipped.
 */
export function forEachNgram(s: Units, min: number, max: number, seed: number, emit: (index: number, start: number, end: number) => void): number {
  let count = 0;
  const units = s.units;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let h = Math.imul(FNV_OFFSET ^ seed, FNV_PRIME);
    const limit = Math.min(n, i + max);
    for (let j = i; j < limit; j++) {
      h = Math.imul(h ^ units[j], FNV_PRIME);
      const order = j - i + 1;
      if (order < min) continue;
      if (order === 1 && units[j] === SPACE) continue;
      // The order joins the hash so that "ab" and the unigram of a rare unit that collides with it stay apart.
      emit((h ^ Math.imul(order, 0x27d4eb2d)) & FEATURE_MASK, i, j);
      count++;
    }
  }
  return count;
}

export interface FeatureBuffers {
  syllables?: Units;
  jamo?: Units;
  words?: Units;
  compact?: Units;
}

/** Every n-gram index of a folded text into `emit`; the units kept in `buffers` for reuse. */
export function extract(folded: string, settings: FeatureSettings, emit: (index: number, stream: 'syllables' | 'jamo' | 'words' | 'compact', start: number, end: number) => void, buffers: FeatureBuffers = {}): { count: number; syllables: Units; jamo: Units } {
  const syllables = toUnits(folded, buffers.syllables);
  const jamo = toJamo(syllables, buffers.jamo);
  buffers.syllables = syllables;
  buffers.jamo = jamo;
  let count = 0;
  if (settings.syllableMax >= settings.syllableMin && settings.syllableMax > 0) {
    count += forEachNgram(syllables, settings.syllableMin, settings.syllableMax, SYLLABLE_SEED, (h, a, b) => emit(h, 'syllables', a, b));
  }
  if (settings.jamoMax >= settings.jamoMin && settings.jamoMax > 0) {
    count += forEachNgram(jamo, settings.jamoMin, settings.jamoMax, JAMO_SEED, (h, a, b) => emit(h, 'jamo', a, b));
  }
  if (settings.wordMax >= settings.wordMin && settings.wordMax > 0) {
    const words = toWords(syllables, buffers.words);
    buffers.words = words;
    count += forEachNgram(words, settings.wordMin, settings.wordMax, WORD_SEED, (h, a, b) => emit(h, 'words', a, b));
  }
  if (settings.compactMax >= settings.compactMin && settings.compactMax > 0) {
    const compact = toCompact(syllables, buffers.compact);
    buffers.compact = compact;
    count += forEachNgram(compact, settings.compactMin, settings.compactMax, COMPACT_SEED, (h, a, b) => emit(h, 'compact', a, b));
  }
  return { count, syllables, jamo };
}
