import { measure, type Measure } from './length';
import { fingerprint, fingerprintAndDigits, foldCase, matchFormOfFolded, type MatchForm } from './normalize';
import { reservedNameMatcher } from './reserved-names';
import type { CompiledLists, Hit, Rule, RuleInput } from './rule';
import { accountNew } from './rules/account-new.rule';
import { accountSuspended } from './rules/account-suspended.rule';
import { articleClosed } from './rules/article-closed.rule';
import { articlePremoderated } from './rules/article-premoderated.rule';
import { contentNoise } from './rules/content-noise.rule';
import { floodDuplicate } from './rules/flood-duplicate.rule';
import { checkReactionRate, floodRate } from './rules/flood-rate.rule';
import { hate } from './rules/hate.rule';
import { lengthAbuse, lengthEmpty, lengthMax } from './rules/length.rule';
import { obscene } from './rules/obscene.rule';
import { piiAccount } from './rules/pii-account.rule';
import { piiPhone } from './rules/pii-phone.rule';
import { piiRrn } from './rules/pii-rrn.rule';
import { profanity } from './rules/profanity.rule';
import { spamAd } from './rules/spam-ad.rule';
import { linkHosts, spamLink } from './rules/spam-link.rule';
import { violence } from './rules/violence.rule';
import { ListMatcher, type ListHits } from './word-list';
import type { Action, Policy, PolicyContext, PublicPolicy, Thresholds, Verdict, Violation } from './types';
import type { RuleId } from './policy-file';

/**
 * The pipeline: one plain function per rule id, Coral Talk style. They run in
 * the policy file's order (the catalogue's, docs/policy.md), every one of
 * them: all fired rules are reported, the strictest action wins, and among
 * equally strict ones the first in that order decides.
 */
const RULES: Record<RuleId, Rule> = {
  'length.empty': lengthEmpty,
  'length.max': lengthMax,
  'length.abuse': lengthAbuse,
  // Content rules read only a body that is there and sane in size (see CONTENT_RULES).
  'content.noise': contentNoise,
  profanity,
  hate,
  'pii.rrn': piiRrn,
  'pii.phone': piiPhone,
  'pii.account': piiAccount,
  'spam.link': spamLink,
  'spam.ad': spamAd,
  obscene,
  violence,
  'flood.duplicate': floodDuplicate,
  // Who may post, and where: counters, the account, the article.
  'flood.rate': floodRate,
  'account.new': accountNew,
  'account.suspended': accountSuspended,
  'article.closed': articleClosed,
  'article.premoderated': articlePremoderated,
};

/** Rules that read the text: an empty body or a combining-mark flood has nothing for them to read. */
const CONTENT_RULES = new Set<RuleId>(['content.noise', 'profanity', 'hate', 'pii.rrn', 'pii.phone', 'pii.account', 'spam.link', 'spam.ad', 'obscene', 'violence', 'flood.duplicate']);

const SEVERITY: Record<Action, number> = { hold: 1, reject: 2, limit: 3 };

export interface PolicyEngine {
  version: string;
  title: string;
  maxLength: number;
  thresholds: Thresholds;
  describe(): PublicPolicy;
  evaluate(body: string, ctx: PolicyContext): Verdict;
  fingerprint(body: string): string;
  /** The daily reaction limit: a violation of flood.rate, or null. */
  checkReactionRate(reactionsLast24h: number, now: Date, oldestInWindow: Date | null): Violation | null;
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
      contactChannels: { deny: l.contactChannels, allow: [] },
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
 * What the rules of one evaluation read. A class rather than an object
 * literal with getters: V8 then shares one shape and one set of accessors
 * across evaluations instead of building closures for every comment.
 * The matching form and the list hits are computed on first use, once.
 */
class Input implements RuleInput {
  readonly digits: number;
  readonly fingerprint: string;
  private formCache: MatchForm | undefined;
  private hitsCache: ListHits | undefined;
  private linksCache: string[] | undefined;

  constructor(
    readonly measure: Measure,
    private readonly folded: string,
    readonly ctx: PolicyContext,
    readonly lists: CompiledLists,
    readonly thresholds: Thresholds,
    readonly policy: Policy,
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
}

export function createPolicyEngine(policy: Policy, overrides: Partial<Thresholds> = {}): PolicyEngine {
  const thresholds: Thresholds = { ...policy.thresholds };
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) thresholds[k as keyof Thresholds] = v;
  const lists = compileLists(policy);
  const definitions = new Map(policy.rules.map((r) => [r.id, r]));
  const pipeline = policy.rules.map(({ id }) => ({ id, rule: RULES[id as RuleId], content: CONTENT_RULES.has(id as RuleId) }));
  const isReservedDisplayName = reservedNameMatcher(policy.lists.reservedNames);

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
        rules: policy.rules.map((d) => ({ id: d.id, title: d.title, description: d.description, action: d.action })),
      };
    },

    evaluate(body: string, ctx: PolicyContext): Verdict {
      const m = measure(body);
      const input = new Input(m, foldCase(m.text), ctx, lists, thresholds, policy);
      const violations: Violation[] = [];
      const analysable = lengthEmpty(input) === null && lengthAbuse(input) === null;
      for (const step of pipeline) {
        if (step.content && !analysable) continue;
        const hit = step.rule(input);
        if (hit) violations.push(violation(step.id, hit));
      }
      // Violations come in the policy's order, so the first with the strictest action decides.
      let decidingRule: string | null = null;
      let strictest = 0;
      for (const v of violations) {
        if (SEVERITY[v.action] > strictest) {
          strictest = SEVERITY[v.action];
          decidingRule = v.rule;
        }
      }
      const verdict = strictest === 3 ? 'limit' : strictest === 2 ? 'reject' : strictest === 1 ? 'hold' : 'allow';
      return { verdict, decidingRule, violations, length: m.length, normalizedBody: m.text, fingerprint: input.fingerprint, policyVersion: policy.version };
    },

    fingerprint: (body: string) => fingerprint(measure(body).text),

    checkReactionRate(reactionsLast24h: number, now: Date, oldestInWindow: Date | null): Violation | null {
      const hit = checkReactionRate(reactionsLast24h, thresholds, now, oldestInWindow);
      return hit && violation('flood.rate', hit);
    },

    isReservedDisplayName,
  };
}
