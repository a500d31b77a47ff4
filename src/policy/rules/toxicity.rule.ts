import type { ContentRule } from '../rule';

/**
 * toxicity.hold and toxicity.reject: the learned scorer's bands (scorer/).
 * The score and the n-grams behind it travel on the content verdict for the
 * moderation queue, not in the violation: the reader sees only the message.
 * An abstention (too little Hangul) never fires either rule.
 */
export const toxicityHold: ContentRule = ({ toxicity }) => (toxicity?.band === 'hold' ? {} : null);
export const toxicityReject: ContentRule = ({ toxicity }) => (toxicity?.band === 'reject' ? {} : null);
