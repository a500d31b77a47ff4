import type { Measure } from './length';
import type { MatchForm } from './normalize';
import type { Policy, PolicyContext, Thresholds } from './types';
import type { ListHits, ListMatcher } from './word-list';

/** The lists of a policy file, compiled once when the engine is made. */
export interface CompiledLists {
  /** profanity, hate, obscene, violence, adKeywords, contactChannels: one automaton for all. */
  words: ListMatcher;
  noiseWords: Set<string>;
  banks: RegExp;
  deniedDomains: Set<string>;
  adultDomains: Set<string>;
  shorteners: Set<string>;
  allowedDomains: Set<string>;
}

/**
 * What a content rule reads: the text and the policy's lists, nothing about
 * who wrote it or where. `form` and `hits` are computed once, on first use,
 * and shared.
 */
export interface ContentInput {
  measure: Measure;
  readonly form: MatchForm;
  /** The listed words found in `form`, per list (one scan for every list). */
  readonly hits: ListHits;
  /** Digits in the text (full-width ones folded to ASCII): the number rules skip texts that cannot hold a number long enough. */
  readonly digits: number;
  /** The hosts of the links in the text (not e-mail domains), found once for spam.link, spam.ad and obscene. */
  readonly linkHosts: string[];
  lists: CompiledLists;
  policy: Policy;
}

/** What a context rule reads: the author, the article and the counters, and of the text only its fingerprint. */
export interface ContextInput {
  ctx: PolicyContext;
  thresholds: Thresholds;
  fingerprint: string;
}

/** A rule that fired, before the engine adds its action and message from the policy file. */
export interface Hit {
  /** A rule whose severity depends on what it found (spam.link: any link holds, a shortener rejects). */
  action?: 'reject' | 'hold';
  retryAfterSeconds?: number;
  details?: Record<string, unknown>;
}

/**
 * A rule: a plain function, its input in, a hit or nothing out. The two kinds
 * read different inputs, so a content rule cannot come to depend on the
 * author (it runs before the transaction) nor a context rule on the text.
 */
export type ContentRule = (input: ContentInput) => Hit | null;
export type ContextRule = (input: ContextInput) => Hit | null;

export const HIT: Hit = {};

export interface ContentInput {
  /** The toxicity scorer's reading of the text (computed once, on first use), or undefined when the policy has no scorer. */
  readonly toxicity?: import('./types').ToxicityAssessment;
}
