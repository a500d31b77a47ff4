import type { ContentRule } from '../rule';
import { GROUP_CUES, insultsGroup } from './hate-patterns';
import { insideQuotes, threatText } from './threats';

const CUES = new Set(GROUP_CUES);
/** Words that say a quoted slur is being talked about, not thrown: "the word 'chink' is racist". */
const MENTION = /\b(?:slur|slurs|word|words|term|terms|racist|racism|epithet|insult|offensive|derogatory|n-word|called|calling|condemn\w*|apologi[sz]\w*)\b/;

/**
 * hate: the hate list (its `hold` entries too: hate holds anyway), matched on the shared normalised form
 * by the one automaton of all lists (see normalize.ts and word-list.ts), and insults aimed at a group in
 * English by their shape ("Koreans are dogs", hate-patterns.ts). A slur quoted in order to talk about
 * it ("the word 'chink' in that ad was racist") is not thrown at anyone and passes.
 */
export const hate: ContentRule = ({ hits, measure }) => {
  const listed = hits.hate.size + (hits['hate.hold']?.size ?? 0);
  if (listed) return quotedToCondemn(measure.text, [...hits.hate, ...(hits['hate.hold'] ?? [])]) ? null : HATE;
  const cues = hits.cues;
  if (cues?.size) for (const w of cues) if (CUES.has(w)) return insultsGroup(threatText(measure.text)) ? HATE : null;
  return null;
};

/** Every slur found is in quotation marks, and the text says it is talking about a word. */
function quotedToCondemn(text: string, words: string[]): boolean {
  if (!/["'\u2018\u2019\u201c\u201d]/.test(text)) return false;
  const t = threatText(text);
  if (!MENTION.test(t)) return false;
  for (const w of words) {
    const at = t.indexOf(w);
    if (at === -1 || !insideQuotes(t, at)) return false;
  }
  return true;
}

const HATE = { details: { kind: 'hate' } };
