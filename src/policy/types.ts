export type Action = 'reject' | 'hold' | 'limit';
export interface LocalizedText {
  ko: string;
  en: string;
}

/**
 * All comments the author ever wrote, any status: account.new holds only a
 * first comment. `publishedOrHeldCommentCount` is its name in the engine's
 * contract; `commentCount` is the name the comments service has passed since
 * the first version, and either one is enough.
 */
export type AuthorCommentCount = { publishedOrHeldCommentCount: number; commentCount?: number } | { commentCount: number; publishedOrHeldCommentCount?: number };

export type AuthorContext = AuthorCommentCount & {
  accountCreatedAt: Date;
  /** A suspension or ban in force until then (a ban is the far future). */
  suspendedUntil: Date | null;
  suspensionReason?: string | null;
  /** Fingerprints of the author's comments of the last 24 hours. */
  recentFingerprints: string[];
  /** Comments of the last 24 hours: held, deleted and replies count. */
  commentsLast24h: number;
  /** The oldest of those, for Retry-After on the daily cap. */
  oldestInLast24h?: Date | null;
  /** Comments on this article, deleted ones too. */
  commentsOnArticle: number;
  lastCommentAt: Date | null;
};

export interface PolicyContext {
  now: Date;
  /** Absent for a dry run by an anonymous reader. */
  author?: AuthorContext;
  article?: { commentsOpen: boolean; moderation: 'post' | 'pre' };
  /** NEW_ACCOUNT_HOLD_HOURS; 0 or absent is off. */
  newAccountHoldHours?: number;
}

export interface Violation {
  rule: string;
  action: Action;
  message: LocalizedText;
  retryAfterSeconds?: number;
  /** Never the offending text. */
  details?: Record<string, unknown>;
}

/**
 * What the content rules found in a text, before anyone asks who wrote it or
 * where: engine.contentVerdict / assessContent. Only engine.decide of an
 * engine with the same policy turns it into a Verdict.
 */
export interface ContentVerdict {
  /** The content rules that fired, in the policy's order. */
  violations: Violation[];
  length: number;
  /** NUL-free, NFC and trimmed: what gets stored. */
  normalizedBody: string;
  fingerprint: string;
  policyVersion: string;
}

/** The decision: every rule that fired, content and context, in the policy's order; the strictest action wins. */
export interface Verdict extends ContentVerdict {
  verdict: 'allow' | 'hold' | 'reject' | 'limit';
  decidingRule: string | null;
}

export interface Thresholds {
  commentsPerDay: number;
  commentsPerArticle: number;
  commentIntervalSeconds: number;
  reactionsPerDay: number;
}

export interface RuleDefinition {
  id: string;
  action: Action;
  title: LocalizedText;
  description: LocalizedText;
  message: LocalizedText;
}

export interface WordList {
  deny: string[];
  allow: string[];
  /** Entries that hold for review rather than take the rule's action: everyday news vocabulary ("porn" in a deepfake story). */
  hold?: string[];
}

/** The policy file, validated. */
export interface Policy {
  title: string;
  version: string;
  maxLength: number;
  thresholds: Thresholds;
  rules: RuleDefinition[];
  sanctions: Sanctions;
  lists: {
    profanity: WordList;
    hate: WordList;
    obscene: WordList;
    violence: WordList;
    adKeywords: string[];
    /** Kinds of advertising that are also news vocabulary (casino, sports betting): advertising only with a way to reach the advertiser. */
    adTopics: string[];
    contactChannels: string[];
    /** What an advertiser says to be reached ("dm me", "sign up", "promo code"): a contact, unlike a messenger's bare name. */
    adCalls: string[];
    noiseWords: string[];
    banks: string[];
    deniedDomains: string[];
    /** Adult sites: a link to one is obscene, and refused as a link. */
    adultDomains: string[];
    shorteners: string[];
    allowedDomains: string[];
    reservedNames: string[];
  };
}

/** One rung of the strike ladder: what the Nth confirmed violation brings. */
export type SanctionStep = { kind: 'warning' } | { kind: 'suspend'; days: number } | { kind: 'ban' };

export interface Sanctions {
  /** Rung N is the sanction of strike N; past the last rung, the last one again. */
  strikeLadder: SanctionStep[];
  /** How long a rights claim (임시조치) hides a comment before a moderator decides. */
  claimHideDays: number;
}

export interface PublicPolicy {
  version: string;
  title: string;
  maxLength: number;
  rules: { id: string; title: LocalizedText; description: LocalizedText; message: LocalizedText; action: Action }[];
  sanctions: Sanctions;
}

/**
 * The toxicity section of the policy file (docs/policy.md, "Toxicity"): the
 * built-in model's file and the two band thresholds on the toxic head's
 * score, fixed from cross-validation by `npm run train:scorer`.
 */
export interface ToxicityBands {
  /** The model file, resolved against the policy file's folder. */
  model: string;
  /** At or above: held for review (toxicity.hold). */
  hold: number;
  /** At or above: refused (toxicity.reject). */
  reject: number;
  /** Below this share of Hangul among the letters the model abstains: score recorded, no band. */
  minHangulShare: number;
}

/**
 * What the toxicity scorer made of a text: for moderators (the moderation
 * queue), never for the reader, who sees only the rule's message.
 */
export interface ToxicityAssessment {
  /** The toxic head's probability (offensive or hate), 0 to 1. */
  score: number;
  /** The hate head's probability. */
  hate: number;
  band: 'none' | 'hold' | 'reject';
  /** Too little Hangul for the Korean model: the score is recorded, no band is applied. */
  abstained: boolean;
  /** 'built-in', or 'remote' when TOXICITY_URL answered in time. */
  source: 'built-in' | 'remote';
  /** For a held or refused text: the n-grams that pushed the built-in model's score up most, strongest first. */
  ngrams?: { text: string; weight: number }[];
}

export interface ContentVerdict {
  /** The toxicity scorer's reading, when the text was readable and the policy has a toxicity section. */
  toxicity?: ToxicityAssessment;
}

export interface Policy {
  /** The learned scorer's bands; absent in a policy without the toxicity section. */
  toxicity?: ToxicityBands;
}

export interface PublicPolicy {
  /** The bands in force: what is held and what refused. */
  toxicity?: { hold: number; reject: number; minHangulShare: number; heads: string[] };
}
