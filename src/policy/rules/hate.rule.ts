import type { Rule } from '../rule';

/** hate: the hate list, matched on the shared normalised form (see normalize.ts and word-list.ts). */
export const hate: Rule = ({ form, lists }) => (lists.hate.count(form) ? { details: { kind: 'hate' } } : null);
