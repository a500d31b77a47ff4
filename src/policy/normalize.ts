import { createHash } from 'node:crypto';
import { fromKoreanLayout, recomposeToken, toCompatibilityJamo } from './hangul';

/**
 * The one matching form every list rule reads (policy.md, "Normalisation
 * before matching"). The original text is what is stored and shown; this is
 * only what the lists are matched against.
 *
 *   text    tokens of letters, separated by single spaces
 *   layout  Hangul read from Latin typed on a Korean keyboard (tlqkf → 시발), if any
 */
export interface MatchForm {
  text: string;
  layout: string;
}

const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u00ad\u180e]/g;
const LOOK_ALIKES: Record<string, string> = { '@': 'a', '0': 'o', '1': 'i', '3': 'e', $: 's', '4': 'a', '5': 's', '7': 't', '!': 'i', '|': 'l', '€': 'e' };
const LATIN = /[a-z]/;

function foldCase(text: string): string {
  // NFKC folds full-width and mathematical letters; NFKD + dropping marks folds accents (NFC recomposes
  // Hangul); compatibility normalisation turns ㅅ into ᄉ, so loose jamo are mapped back last.
  return toCompatibilityJamo(
    text
      .normalize('NFKC')
      .replace(ZERO_WIDTH, '')
      .normalize('NFKD')
      .replace(/(?<=[A-Za-z])\p{M}+/gu, '')
      .normalize('NFC'),
  ).toLowerCase();
}

function normalizeToken(raw: string): string {
  let t = raw;
  if (LATIN.test(t)) t = t.replace(/[@01345$7!|€]/g, (c) => LOOK_ALIKES[c]);
  // Separators inside a word go (시1발, f.u.c.k, 병-신); what is left is letters only.
  t = t.replace(/[^\p{L}]/gu, '');
  t = recomposeToken(t);
  // Long repeats collapse: fuuuuck → fuck, ㅋㅋㅋㅋ → ㅋ.
  return t.replace(/(.)\1{2,}/gu, '$1');
}

export function toMatchForm(body: string): MatchForm {
  const folded = foldCase(body);
  const raw = folded.split(/\s+/).filter(Boolean);
  const tokens = raw.map(normalizeToken).filter(Boolean);
  // A word spelled out one letter at a time (f u c k, 시 1 발, ㅅ ㅣ ㅂ ㅏ ㄹ) is joined back.
  const joined: string[] = [];
  let run = '';
  for (const t of tokens) {
    if ([...t].length === 1) {
      run += t;
      continue;
    }
    if (run) joined.push(run);
    run = '';
    joined.push(t);
  }
  if (run) joined.push(run);
  const text = joined.map(recomposeToken).join(' ');

  const layout: string[] = [];
  for (const original of body.normalize('NFKC').split(/[^A-Za-z]+/)) {
    const hangul = fromKoreanLayout(original);
    if (hangul) layout.push(hangul);
  }
  return { text, layout: layout.join(' ') };
}

/** Same for list entries, so that the Standards Board can write words as readers do. */
export function normalizeListEntry(entry: string): string {
  const text = toMatchForm(entry).text;
  // English phrases keep their word boundaries ("kill yourself"); Korean and Japanese entries are one run.
  return /[a-z]/.test(text) ? text : text.replace(/ /g, '');
}

/** Near-duplicates meet: case, spacing, punctuation and repeats do not change the fingerprint. */
export function fingerprint(body: string): string {
  const core = foldCase(body)
    .replace(/[^\p{L}\p{N}]/gu, '')
    .replace(/(.)\1{2,}/gu, '$1');
  return createHash('sha256').update(core).digest('hex');
}
