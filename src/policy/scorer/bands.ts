/**
 * Where the bands' thresholds come from: the toxic head's cross-validated
 * scores on the labelled comments (never an evaluation set, never by hand).
 * `hold` is the score above which 5% of the comments people labelled `none`
 * fall, `reject` the one above which 0.5% do (half the issue's 1% ceiling, a
 * margin for the final model's small shift from the fold models).
 * `npm run train:scorer` prints both for policy/standards-board.yaml.
 */
export const BAND_FPR = { hold: 0.01, reject: 0.0025 } as const;
