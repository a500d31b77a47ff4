import type { Rule } from '../rule';

/** hate: the hate list, matched on the shared normalised form by the one automaton of all lists (see normalize.ts and word-list.ts). */
export const hate: Rule = ({ hits }) => (hits.hate.size ? { details: { kind: 'hate' } } : null);
