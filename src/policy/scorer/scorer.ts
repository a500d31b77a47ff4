import type { ToxicityAssessment, ToxicityBands } from '../types';
import { toUnits } from './features';
import type { ListFlags, ToxicityModel } from './model';

/**
 * The seam for bigger models: anything that turns a comment into the two
 * heads' probabilities. The built-in model (model.ts) answers synchronously
 * inside the process; a ToxicityScorer may be asynchronous (an HTTP
 * classifier the newsroom runs itself, remote.ts), and the engine falls back
 * to the built-in model when it fails or is late.
 */
export interface ToxicityScorer {
  readonly name: string;
  /** The probabilities for the comment's text (normalised, as stored); rejects on any failure. */
  score(text: string): Promise<{ toxic: number; hate: number }>;
}

/** The share of Hangul among a folded text's letters: the built-in model was trained on Korean and knows nothing else. */
export function hangulShare(folded: string): number {
  const u = toUnits(folded);
  return u.letters ? u.hangul / u.letters : 0;
}

/** The band of a score under the policy's thresholds, or none when the scorer abstains. */
export function bandOf(score: number, bands: ToxicityBands, abstained: boolean): ToxicityAssessment['band'] {
  if (abstained) return 'none';
  if (score >= bands.reject) return 'reject';
  if (score >= bands.hold) return 'hold';
  return 'none';
}

/** How many n-grams a held or refused comment's record keeps. */
export const EXPLAINED_NGRAMS = 5;

/**
 * The assessment of one text: the built-in model's score (or the remote
 * one's, when given), the band, and for a text in a band the n-grams that
 * weighed most in the built-in model.
 */
export function assess(model: ToxicityModel, bands: ToxicityBands, folded: string, original: string, lists: ListFlags, remote?: { toxic: number; hate: number }): ToxicityAssessment {
  const own = model.score(folded, lists);
  const share = own.letters ? own.hangul / own.letters : 0;
  const abstained = share < bands.minHangulShare;
  const toxic = remote ? remote.toxic : own.toxic;
  const hate = remote ? remote.hate : own.hate;
  const band = bandOf(toxic, bands, abstained);
  const assessment: ToxicityAssessment = { score: round(toxic), hate: round(hate), band, abstained, source: remote ? 'remote' : 'built-in' };
  if (band !== 'none') assessment.ngrams = model.explain(folded, original, 'toxic', EXPLAINED_NGRAMS);
  return assessment;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
