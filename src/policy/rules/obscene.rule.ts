import type { Rule } from '../rule';

/** obscene: the obscene list, matched on the shared normalised form (see normalize.ts and word-list.ts). */
export const obscene: Rule = ({ form, lists }) => (lists.obscene.count(form) ? { details: { kind: 'obscene' } } : null);
