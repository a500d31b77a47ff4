import type { Rule } from '../rule';

/** profanity: the profanity list, matched on the shared normalised form (see normalize.ts and word-list.ts). */
export const profanity: Rule = ({ form, lists }) => (lists.profanity.count(form) ? { details: { kind: 'profanity' } } : null);
