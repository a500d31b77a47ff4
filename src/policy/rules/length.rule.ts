import { LIMITS } from '../length';
import { HIT, type ContentRule } from '../rule';

/** length.empty: nothing left after NFC and trimming. */
export const lengthEmpty: ContentRule = ({ measure }) => (measure.length === 0 ? HIT : null);

/** length.abuse: giant bodies and combining-mark floods, however few characters they make. */
export const lengthAbuse: ContentRule = ({ measure }) =>
  measure.codePoints > LIMITS.maxCodePoints ||
  measure.maxMarksInCluster > LIMITS.maxMarksPerCluster ||
  measure.maxCodePointsInCluster > LIMITS.maxCodePointsPerCluster
    ? HIT
    : null;

/** length.max: more than maxLength characters as a reader sees them. */
export const lengthMax: ContentRule = ({ measure, policy }) =>
  measure.length > policy.maxLength && measure.codePoints <= LIMITS.maxCodePoints ? { details: { length: measure.length, maxLength: policy.maxLength } } : null;
