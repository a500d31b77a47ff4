import type { ContentRule } from '../rule';
import { GROUP_CUES, insultsGroup } from './hate-patterns';
import { threatText } from './threats';

const CUES = new Set(GROUP_CUES);

/**
 * hate: the hate list (its `hold` entries too: hate holds anyway), matched on the shared normalised form
 * by the one automaton of all lists (see normalize.ts and word-list.ts), and insults aimed at a group in
 * English by their shape ("Koreans are dogs", hate-patterns.ts).
 */
export const hate: ContentRule = ({ hits, measure }) => {
  if (hits.hate.size || hits['hate.hold']?.size) return HATE;
  const cues = hits.cues;
  if (cues?.size) for (const w of cues) if (CUES.has(w)) return insultsGroup(threatText(measure.text)) ? HATE : null;
  return null;
};

const HATE = { details: { kind: 'hate' } };
