import type { Rule } from '../rule';

/** profanity: the profanity list, matched on the shared normalised form by the one automaton of all lists (see normalize.ts and word-list.ts). */
export const profanity: Rule = ({ hits }) => (hits.profanity.size ? { details: { kind: 'profanity' } } : null);
