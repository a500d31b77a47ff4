import type { ContentRule } from '../rule';

/** violence: threats and incitement to self-harm; a confirmed one is a strike. The violence list, matched on the shared normalised form by the one automaton of all lists (see normalize.ts and word-list.ts). */
export const violence: ContentRule = ({ hits }) => (hits.violence.size ? { details: { kind: 'violence', strike: true } } : null);
