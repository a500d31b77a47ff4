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

/** What every rule reads. `form` and `hits` are computed once, on first use, and shared. */
export interface RuleInput {
  measure: Measure;
  readonly form: MatchForm;
  /** The listed words found in `form`, per list (one scan for every list). */
  readonly hits: ListHits;
  /** Digits in the text (full-width ones folded to ASCII): the number rules skip texts that cannot hold a number long enough. */
  readonly digits: number;
  fingerprint: string;
  /** The hosts of the links in the text (not e-mail domains), found once for spam.link, spam.ad and obscene. */
  readonly linkHosts: string[];
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
