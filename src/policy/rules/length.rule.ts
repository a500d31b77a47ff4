import { LIMITS } from '../length';
import { HIT, type Rule } from '../rule';

/** length.empty: nothing left after NFC and trimming. */
export const lengthEmpty: Rule = ({ measure }) => (measure.length === 0 ? HIT : null);

/** length.abuse: giant bodies and combining-mark floods, however few characters they make. */
export const lengthAbuse: Rule = ({ measure }) =>
  measure.codePoints > LIMITS.maxCodePoints ||
  measure.maxMarksInCluster > LIMITS.maxMarksPerCluster ||
  measure.maxCodePointsInCluster > LIMITS.maxCodePointsPerCluster
    ? HIT
    : null;

/** length.max: more than maxLength characters as a reader sees them. */
export const lengthMax: Rule = ({ measure, policy }) =>
  measure.length > policy.maxLength && measure.codePoints <= LIMITS.maxCodePoints ? { details: { length: measure.length, maxLength: policy.maxLength } } : null;
