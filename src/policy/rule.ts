import type { Measure } from './length';
import type { MatchForm } from './normalize';
import type { Policy, PolicyContext, Thresholds } from './types';
import type { WordMatcher } from './word-list';

/** The lists of a policy file, compiled once when the engine is made. */
export interface CompiledLists {
  profanity: WordMatcher;
  hate: WordMatcher;
  obscene: WordMatcher;
  violence: WordMatcher;
  adKeywords: WordMatcher;
  contactChannels: WordMatcher;
  noiseWords: Set<string>;
  banks: RegExp;
  deniedDomains: Set<string>;
  shorteners: Set<string>;
  allowedDomains: Set<string>;
}

/** What every rule reads. `form` is computed once, on first use, and shared. */
export interface RuleInput {
  measure: Measure;
  readonly form: MatchForm;
  fingerprint: string;
  ctx: PolicyContext;
  lists: CompiledLists;
  thresholds: Thresholds;
  policy: Policy;
}

/** A rule that fired, before the engine adds its action and message from the policy file. */
export interface Hit {
  /** A rule whose severity depends on what it found (spam.link: any link holds, a shortener rejects). */
  action?: 'reject' | 'hold';
  retryAfterSeconds?: number;
  details?: Record<string, unknown>;
}

/** A rule: plain function, context in, a hit or nothing out. */
export type Rule = (input: RuleInput) => Hit | null;

export const HIT: Hit = {};
