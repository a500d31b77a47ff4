import type { ContentRule } from '../rule';
import { findThreat, listedIsReported, THREAT_CUES } from './threats';

const CUES = new Set(THREAT_CUES);

/**
 * violence: threats and incitement to violence and to self-harm; a confirmed one is a strike.
 * The violence list (kill yourself, 죽여버린다), matched on the shared normalised form by the one
 * automaton of all lists (see normalize.ts and word-list.ts), and threats in English by pattern
 * (threats.ts). Somebody else's threat that a reader reports, in quotation marks or after "said",
 * "told", "wrote", is held for a moderator, never refused with a strike; so are the list's `hold` entries.
 */
export const violence: ContentRule = ({ hits, measure }) => {
  // (hits.cues: the words the threat patterns need, found by the automaton with the lists.)
  const listed = hits.violence;
  if (listed.size) {
    return listedIsReported(measure.text, listed) ? REPORTED : THREAT;
  }
  const found = hasCue(hits.cues) ? findThreat(measure.text) : null;
  if (found) return found.reported ? REPORTED : found.kind === 'incitement' ? INCITEMENT : THREAT;
  return hits['violence.hold']?.size ? HELD : null;
};

const THREAT = { details: { kind: 'violence', strike: true } };
const INCITEMENT = { details: { kind: 'incitement', strike: true } };
const HELD = { action: 'hold' as const, details: { kind: 'violence', strike: false } };
const REPORTED = { action: 'hold' as const, details: { kind: 'violence', reported: true, strike: false } };

function hasCue(found: ReadonlySet<string> | undefined): boolean {
  if (!found?.size) return false;
  for (const w of found) if (CUES.has(w)) return true;
  return false;
}
