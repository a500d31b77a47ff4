import { measure, type Measure } from './length';
import { fingerprint, fingerprintAndDigits, foldCase, matchFormOfFolded, type MatchForm } from './normalize';
import { reservedNameMatcher } from './reserved-names';
import type { CompiledLists, ContentInput, ContentRule, ContextInput, ContextRule, Hit } from './rule';
import { accountNew } from './rules/account-new.rule';
import { accountSuspended, suspension } from './rules/account-suspended.rule';
import { articleClosed } from './rules/article-closed.rule';
import { articlePremoderated } from './rules/article-premoderated.rule';
import { contentNoise } from './rules/content-noise.rule';
import { floodDuplicate } from './rules/flood-duplicate.rule';
import { checkReactionRate, floodRate } from './rules/flood-rate.rule';
import { hate } from './rules/hate.rule';
import { lengthAbuse, lengthEmpty, lengthMax } from './rules/length.rule';
import { obscene } from './rules/obscene.rule';
import { EMAIL_CUES, piiAccount } from './rules/pii-account.rule';
import { NUMBER_CUES, piiPhone } from './rules/pii-phone.rule';
import { piiRrn } from './rules/pii-rrn.rule';
import { profanity } from './rules/profanity.rule';
import { spamAd } from './rules/spam-ad.rule';
import { linkHosts, spamLink } from './rules/spam-link.rule';
import { violence } from './rules/violence.rule';
import { toxicityHold, toxicityReject } from './rules/toxicity.rule';
import { loadToxicityModel, type ListFlags, type ToxicityModel } from './scorer/model';
import { assess, type ToxicityScorer } from './scorer/scorer';
import { THREAT_CUES } from './rules/threats';
import { GROUP_CUES } from './rules/hate-patterns';
import { ListMatcher, type ListHits } from './word-list';
import type { Action, AuthorContext, ContentVerdict, Policy, PolicyContext, PublicPolicy, Thresholds, ToxicityAssessment, Verdict, Violation } from './types';
import type { RuleId } from './policy-file';

/**
 * A rule's kind says where it runs. Content rules read the text alone, so
 * they run before the comments service opens its transaction and hold no
 * lock (assessContent); context rules read the author, the article and the
 * counters, which must be read and acted on in one transaction (decide).
 * `needsText`: skipped when the body is empty or abusive, with nothing to read.
 */
type RuleEntry = { kind: 'content'; rule: ContentRule; needsText?: true } | { kind: 'context'; rule: ContextRule; needsText?: true };

type Step = { id: string } & RuleEntry;

/**
 * The pipeline: one plain function per rule id, Coral Talk style. They run in
 * the policy file's order (the catalogue's, docs/policy.md), every one of
 * them: all fired rules are reported, the strictest action wins, and among
 * equally strict ones the first in that order decides.
 */
const RULES: Record<RuleId, RuleEntry> = {
  // The text alone: the body's length and shape...
  'length.empty': { kind: 'content', rule: lengthEmpty },
  'length.max': { kind: 'content', rule: lengthMax },
  'length.abuse': { kind: 'content', rule: lengthAbuse },
  // ...and what it says, read only in a body that is there and sane in size.
  'content.noise': { kind: 'content', rule: contentNoise, needsText: true },
  profanity: { kind: 'content', rule: profanity, needsText: true },
  hate: { kind: 'content', rule: hate, needsText: true },
  'pii.rrn': { kind: 'content', rule: piiRrn, needsText: true },
  'pii.phone': { kind: 'content', rule: piiPhone, needsText: true },
  'pii.account': { kind: 'content', rule: piiAccount, needsText: true },
  'spam.link': { kind: 'content', rule: spamLink, needsText: true },
  'spam.ad': { kind: 'content', rule: spamAd, needsText: true },
  obscene: { kind: 'content', rule: obscene, needsText: true },
  violence: { kind: 'content', rule: violence, needsText: true },
  // ...and what the learned scorer makes of it (scorer/), after the lists it reads as features.
  'toxicity.hold': { kind: 'content', rule: toxicityHold, needsText: true },
  'toxicity.reject': { kind: 'content', rule: toxicityReject, needsText: true },
  // Who may post, and where: the author's recent comments, counters, the account, the article.
  'flood.duplicate': { kind: 'context', rule: floodDuplicate, needsText: true },
  'flood.rate': { kind: 'context', rule: floodRate },
  'account.new': { kind: 'context', rule: accountNew },
  'account.suspended': { kind: 'context', rule: accountSuspended },
  'article.closed': { kind: 'context', rule: articleClosed },
  'article.premoderated': { kind: 'context', rule: articlePremoderated },
};

/** Whether a rule reads the text alone (content: before the transaction) or the author and the article (context: inside it). */
export function ruleKind(id: RuleId): 'content' | 'context' {
  return RULES[id].kind;
}

/** The rules whose finding says the text cannot be read. */
const UNREADABLE = new Set<string>(['length.empty', 'length.abuse']);

const SEVERITY: Record<Action, number> = { hold: 1, reject: 2, limit: 3 };

/** decide() was given a content verdict that another engine made: another policy version, or the same version with its rules in another order. */
export class ContentVerdictMismatchError extends Error {
  constructor(problem: string) {
    super(`Standards Board Policy: ${problem}`);
    this.name = 'ContentVerdictMismatchError';
  }
}

export interface PolicyEngine {
  version: string;
  title: string;
  maxLength: number;
  thresholds: Thresholds;
  describe(): PublicPolicy;
  /**
   * The content rules on a text, with no author, article or lock: run it
   * before the transaction. Asynchronous so that a slower scorer (a learned
   * model) can join the content rules later without changing its callers.
   */
  assessContent(body: string): Promise<ContentVerdict>;
  /** What assessContent resolves to, synchronously: for dry runs and tests. */
  contentVerdict(body: string): ContentVerdict;
  /**
   * The context rules (flooding, account, article) on top of a content
   * verdict of this engine: the final verdict, inside the transaction. Pure
   * and synchronous. Throws ContentVerdictMismatchError for a content verdict
   * of another policy version.
   */
  decide(content: ContentVerdict, ctx: PolicyContext): Verdict;
  /** decide(contentVerdict(body), ctx), for callers that hold no lock anyway. */
  evaluate(body: string, ctx: PolicyContext): Verdict;
  fingerprint(body: string): string;
  /** The daily reaction limit: a violation of flood.rate, or null. */
  checkReactionRate(reactionsLast24h: number, now: Date, oldestInWindow: Date | null): Violation | null;
  /**
   * account.suspended alone, for requests other than posting (reacting,
   * reporting): the same violation, so the same 403 body, as a post gets.
   */
  checkSuspended(author: Pick<AuthorContext, 'suspendedUntil' | 'suspensionReason'>, now: Date): Violation | null;
  /** A display name that would pass for the newsroom (reserved-names.ts): shown as a neutral handle until a moderator approves it. */
  isReservedDisplayName(name: string): boolean;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileLists(policy: Policy): CompiledLists {
  const l = policy.lists;
  return {
    words: new ListMatcher({
      profanity: l.profanity,
      hate: l.hate,
      obscene: l.obscene,
      violence: l.violence,
      adKeywords: { deny: l.adKeywords, allow: [] },
      adTopics: { deny: l.adTopics ?? [], allow: [] },
      contactChannels: { deny: l.contactChannels, allow: [] },
      adCalls: { deny: l.adCalls ?? [], allow: [] },
      // Not the Board's: words some rules need before they read further (threats, insults to groups, spelled numbers and addresses).
      cues: { deny: [...THREAT_CUES, ...NUMBER_CUES, ...EMAIL_CUES, ...GROUP_CUES], allow: [] },
    }),
    noiseWords: new Set(l.noiseWords.map((w) => w.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''))),
    banks: new RegExp(l.banks.map(escapeRegExp).join('|'), 'gi'),
    deniedDomains: new Set(l.deniedDomains),
    adultDomains: new Set(l.adultDomains),
    shorteners: new Set(l.shorteners),
    allowedDomains: new Set(l.allowedDomains),
  };
}

/**
 * What the content rules of one text read. A class rather than an object
 * literal with getters: V8 then shares one shape and one set of accessors
 * across evaluations instead of building closures for every comment.
 * The matching form and the list hits are computed on first use, once.
 */
class TextInput implements ContentInput {
  readonly digits: number;
  readonly fingerprint: string;
  private formCache: MatchForm | undefined;
  private hitsCache: ListHits | undefined;
  private linksCache: string[] | undefined;
  private toxicityCache: ToxicityAssessment | undefined;

  constructor(
    readonly measure: Measure,
    private readonly folded: string,
    readonly lists: CompiledLists,
    readonly policy: Policy,
    private readonly model: ToxicityModel | null = null,
    private readonly remote?: { toxic: number; hate: number },
  ) {
    const scanned = fingerprintAndDigits(folded);
    this.digits = scanned.digits;
    this.fingerprint = scanned.fingerprint;
  }

  get form(): MatchForm {
    return (this.formCache ??= matchFormOfFolded(this.folded, this.measure.text));
  }

  get hits(): ListHits {
    return (this.hitsCache ??= this.lists.words.scan(this.form));
  }

  get linkHosts(): string[] {
    return (this.linksCache ??= linkHosts(this.measure.text));
  }

  get toxicity(): ToxicityAssessment | undefined {
    if (!this.model || !this.policy.toxicity) return undefined;
    return (this.toxicityCache ??= assess(this.model, this.policy.toxicity, this.folded, this.measure.text, listFlags(this.hits), this.remote));
  }
}

/** The word lists' verdict, one of the scorer's features. */
function listFlags(hits: ListHits): ListFlags {
  return { profanity: hits.profanity.size > 0, hate: hits.hate.size > 0, obscene: hits.obscene.size > 0, violence: hits.violence.size > 0 };
}

export interface EngineOptions {
  /** A classifier asked first by assessContent (TOXICITY_URL); on failure or timeout the built-in model scores. */
  remoteScorer?: ToxicityScorer;
  /** Told of each remote failure (the built-in model has scored instead): for logs and metrics. */
  onRemoteFailure?: (error: unknown) => void;
}

export function createPolicyEngine(policy: Policy, overrides: Partial<Thresholds> = {}, options: EngineOptions = {}): PolicyEngine {
  const thresholds: Thresholds = { ...policy.thresholds };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) thresholds[k as keyof Thresholds] = v;
  const lists = compileLists(policy);
  const definitions = new Map(policy.rules.map((r) => [r.id, r]));
  const pipeline: Step[] = policy.rules.map(({ id }) => ({ id, ...RULES[id as RuleId] }));
  const contentSteps = pipeline.filter((step): step is Extract<Step, { kind: 'content' }> => step.kind === 'content');
  const isReservedDisplayName = reservedNameMatcher(policy.lists.reservedNames);
  // Loaded (and its checksum verified) once, when the engine is made: a missing or corrupt file stops start-up.
  const model = policy.toxicity ? loadToxicityModel(policy.toxicity.model) : null;
  const remote = model ? options.remoteScorer : undefined;

  const violation = (id: string, hit: Hit): Violation => {
    const def = definitions.get(id)!;
    return {
      rule: id,
      action: hit.action ?? def.action,
      message: def.message,
      ...(hit.retryAfterSeconds !== undefined ? { retryAfterSeconds: hit.retryAfterSeconds } : {}),
      ...(hit.details ? { details: hit.details } : {}),
    };
  };

  const contentVerdict = (body: string, remoteReading?: { toxic: number; hate: number }): ContentVerdict => {
    const m = measure(body);
    const input = new TextInput(m, foldCase(m.text), lists, policy, model, remoteReading);
    const readable = lengthEmpty(input) === null && lengthAbuse(input) === null;
    const violations: Violation[] = [];
    for (const step of contentSteps) {
      if (step.needsText && !readable) continue;
      const hit = step.rule(input);
      if (hit) violations.push(violation(step.id, hit));
    }
    const toxicity = readable ? input.toxicity : undefined;
    return { violations, length: m.length, normalizedBody: m.text, fingerprint: input.fingerprint, policyVersion: policy.version, ...(toxicity ? { toxicity } : {}) };
  };

  const decide = (content: ContentVerdict, ctx: PolicyContext): Verdict => {
    if (content.policyVersion !== policy.version) {
      throw new ContentVerdictMismatchError(`a content verdict of policy ${content.policyVersion} cannot be decided under policy ${policy.version}`);
    }
    const readable = !content.violations.some((v) => UNREADABLE.has(v.rule));
    const input: ContextInput = { ctx, thresholds, fingerprint: content.fingerprint };
    // The content violations are already in the policy's order: merged in, not sorted.
    const violations: Violation[] = [];
    let next = 0;
    for (const step of pipeline) {
      if (step.kind === 'content') {
        if (next < content.violations.length && content.violations[next].rule === step.id) violations.push(content.violations[next++]);
        continue;
      }
      if (step.needsText && !readable) continue;
      const hit = step.rule(input);
      if (hit) violations.push(violation(step.id, hit));
    }
    if (next !== content.violations.length) {
      throw new ContentVerdictMismatchError(`the content verdict's rules (${content.violations.map((v) => v.rule).join(', ')}) are not content rules in this engine's order`);
    }
    // The first with the strictest action decides.
    let decidingRule: string | null = null;
    let strictest = 0;
    for (const v of violations) {
      if (SEVERITY[v.action] > strictest) {
        strictest = SEVERITY[v.action];
        decidingRule = v.rule;
      }
    }
    const verdict = strictest === 3 ? 'limit' : strictest === 2 ? 'reject' : strictest === 1 ? 'hold' : 'allow';
    return {
      verdict,
      decidingRule,
      violations,
      length: content.length,
      normalizedBody: content.normalizedBody,
      fingerprint: content.fingerprint,
      policyVersion: policy.version,
      ...(content.toxicity ? { toxicity: content.toxicity } : {}),
    };
  };

  return {
    version: policy.version,
    title: policy.title,
    maxLength: policy.maxLength,
    thresholds,

    describe(): PublicPolicy {
      return {
        version: policy.version,
        title: policy.title,
        maxLength: policy.maxLength,
        rules: policy.rules.map((d) => ({ id: d.id, title: d.title, description: d.description, message: d.message, action: d.action })),
        sanctions: policy.sanctions,
        ...(policy.toxicity
          ? { toxicity: { hold: policy.toxicity.hold, reject: policy.toxicity.reject, minHangulShare: policy.toxicity.minHangulShare, heads: ['toxic', 'hate'] } }
          : {}),
      };
    },

    assessContent: async (body: string) => {
      if (!remote) return contentVerdict(body);
      const text = measure(body).text;
      if (!text) return contentVerdict(body);
      try {
        return contentVerdict(body, await remote.score(text));
      } catch (error) {
        options.onRemoteFailure?.(error);
        return contentVerdict(body);
      }
    },
    contentVerdict: (body: string) => contentVerdict(body),
    decide,
    evaluate: (body: string, ctx: PolicyContext) => decide(contentVerdict(body), ctx),

    fingerprint: (body: string) => fingerprint(measure(body).text),

    checkReactionRate(reactionsLast24h: number, now: Date, oldestInWindow: Date | null): Violation | null {
      const hit = checkReactionRate(reactionsLast24h, thresholds, now, oldestInWindow);
      return hit && violation('flood.rate', hit);
    },

    checkSuspended(author: Pick<AuthorContext, 'suspendedUntil' | 'suspensionReason'>, now: Date): Violation | null {
      const hit = suspension(author, now);
      return hit && violation('account.suspended', hit);
    },

    isReservedDisplayName,
  };
}
