import type { Rule } from '../rule';

/** violence: threats and incitement to self-harm; a confirmed one is a strike. The violence list, matched on the shared normalised form (see normalize.ts and word-list.ts). */
export const violence: Rule = ({ form, lists }) => (lists.violence.count(form) ? { details: { kind: 'violence', strike: true } } : null);
