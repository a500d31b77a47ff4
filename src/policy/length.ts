/**
 * The 250-character limit, counted as a reader sees characters: NFC, trimmed,
 * extended grapheme clusters. Dependency-free on purpose: the widget's live
 * counter ships this same file, so "250/250" in the browser is always accepted.
 */
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const MARK = /\p{M}/u;
const VARIATION_SELECTORS = new Set([0xfe0e, 0xfe0f]);

export interface Measure {
  /** NUL-free, NFC and trimmed: what is counted, checked and stored. */
  text: string;
  /** Extended grapheme clusters. */
  length: number;
  codePoints: number;
  /** The most combining marks (category M, less U+FE0E/U+FE0F) in one cluster. */
  maxMarksInCluster: number;
  /** The most code points in one cluster. */
  maxCodePointsInCluster: number;
}

export const LIMITS = { maxLength: 250, maxCodePoints: 2000, maxMarksPerCluster: 8, maxCodePointsPerCluster: 32 } as const;

/**
 * NUL characters go first: Postgres refuses U+0000 in text (a 500 if it got
 * there), no reader means one, and dropping them before NFC and trimming
 * keeps the count, the checks and the stored text the same string.
 */
export function normalizeBody(text: string): string {
  return (text.includes('\u0000') ? text.replace(/\u0000/g, '') : text).normalize('NFC').trim();
}

/**
 * Characters that always stand alone as one cluster whatever follows or
 * precedes them in ordinary text: printable ASCII, tab and LF, Latin-1 and
 * Latin Extended letters, Hangul syllables, CJK ideographs, kana and CJK
 * punctuation. A text made only of these has as many characters as code
 * points, and the (slow) segmenter is not needed. Anything else (marks,
 * jamo, emoji, CR, RTL scripts) takes the full path.
 */
function isSimple(c: number): boolean {
  if (c < 0x7f) return c >= 0x20 || c === 0x0a || c === 0x09;
  if (c >= 0xac00) return c <= 0xd7a3 || (c >= 0xff01 && c <= 0xff5e);
  return (
    (c >= 0xa0 && c <= 0x2ff) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    // CJK punctuation, less the ideographic and Hangul tone marks U+302A–U+302F, which combine.
    (c >= 0x3001 && c <= 0x303f && !(c >= 0x302a && c <= 0x302f)) ||
    (c >= 0x3041 && c <= 0x3096) ||
    (c >= 0x30a1 && c <= 0x30fa)
  );
}

function allSimple(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSimple(text.charCodeAt(i))) return false;
  return true;
}

export function measure(raw: string): Measure {
  // Simple characters are already NFC, so such a text skips normalisation as well as segmentation.
  const simple = allSimple(raw);
  const text = simple ? raw.trim() : normalizeBody(raw);
  if (simple) {
    const n = text.length;
    return { text, length: n, codePoints: n, maxMarksInCluster: 0, maxCodePointsInCluster: n ? 1 : 0 };
  }
  let codePoints = 0;
  for (const _ of text) codePoints++;
  // Past the abuse ceiling the exact count no longer matters; do not segment megabytes.
  if (codePoints > LIMITS.maxCodePoints) {
    return { text, length: codePoints, codePoints, maxMarksInCluster: 0, maxCodePointsInCluster: 0 };
  }
  let length = 0;
  let maxMarksInCluster = 0;
  let maxCodePointsInCluster = 0;
  for (const { segment } of segmenter.segment(text)) {
    length++;
    let marks = 0;
    let points = 0;
    for (const ch of segment) {
      points++;
      if (MARK.test(ch) && !VARIATION_SELECTORS.has(ch.codePointAt(0)!)) marks++;
    }
    if (marks > maxMarksInCluster) maxMarksInCluster = marks;
    if (points > maxCodePointsInCluster) maxCodePointsInCluster = points;
  }
  return { text, length, codePoints, maxMarksInCluster, maxCodePointsInCluster };
}

/** What the counter under the comment box shows. */
export function countCharacters(raw: string): number {
  return measure(raw).length;
}
