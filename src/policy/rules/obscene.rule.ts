import type { Rule } from '../rule';

/** obscene: the obscene list, matched on the shared normalised form by the one automaton of all lists (see normalize.ts and word-list.ts). */
export const obscene: Rule = ({ hits }) => (hits.obscene.size ? { details: { kind: 'obscene' } } : null);
