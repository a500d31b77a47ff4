import { HIT, type ContextRule } from '../rule';

/** flood.duplicate: the same (normalised) text as one of the author's own comments of the last 24 hours. */
export const floodDuplicate: ContextRule = ({ ctx, fingerprint }) => (ctx.author?.recentFingerprints.includes(fingerprint) ? HIT : null);
