import type { ContentRule } from '../rule';

/** hate: the hate list (its `hold` entries too: hate holds anyway), matched on the shared normalised form by the one automaton of all lists (see normalize.ts and word-list.ts). */
export const hate: ContentRule = ({ hits }) => (hits.hate.size || hits['hate.hold']?.size ? { details: { kind: 'hate' } } : null);
