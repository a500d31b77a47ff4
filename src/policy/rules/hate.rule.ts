import type { ContentRule } from '../rule';

/** hate: the hate list, matched on the shared normalised form by the one automaton of all lists (see normalize.ts and word-list.ts). */
export const hate: ContentRule = ({ hits }) => (hits.hate.size ? { details: { kind: 'hate' } } : null);
