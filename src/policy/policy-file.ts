import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../config/project-root';
import { normalizeListEntry } from './normalize';
import type { Action, LocalizedText, Policy, RuleDefinition, SanctionStep, Sanctions, Thresholds, ToxicityBands, WordList } from './types';

/**
 * Every rule the engine implements, in the order of the catalogue
 * (docs/policy.md): the length rules, the text, the flooding counters, the
 * account and the article. A policy file may not invent others. The file's own
 * order is "the policy's order" in which the engine runs the rules and among
 * equally strict ones picks the deciding rule; the repository's file keeps the
 * catalogue's order.
 */
export const RULE_IDS = [
  'length.empty',
  'length.max',
  'length.abuse',
  'content.noise',
  'profanity',
  'hate',
  'pii.rrn',
  'pii.phone',
  'pii.account',
  'spam.link',
  'spam.ad',
  'obscene',
  'violence',
  'toxicity.hold',
  'toxicity.reject',
  'flood.duplicate',
  'flood.rate',
  'account.new',
  'account.suspended',
  'article.closed',
  'article.premoderated',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

const ACTIONS: Action[] = ['reject', 'hold', 'limit'];
/** Rules whose action is fixed by what they are: a limit refuses the request itself. */
const LIMIT_RULES = new Set(['account.suspended', 'article.closed', 'flood.rate']);

export class PolicyFileError extends Error {
  constructor(source: string, problem: string) {
    super(`Standards Board Policy file ${source}: ${problem}`);
    this.name = 'PolicyFileError';
  }
}

export function loadPolicyFile(path: string): Policy {
  let text: string;
  try {
    text = fs.readFileSync(path, 'utf8');
  } catch (error) {
    throw new PolicyFileError(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return parsePolicy(text, path);
}

export function parsePolicy(text: string, source = '(inline)'): Policy {
  const fail = (problem: string): never => {
    throw new PolicyFileError(source, problem);
  };
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    fail(`is not valid YAML (${String((error as Error).message).split('\n')[0]})`);
  }
  const root = record(doc, 'the document', fail);
  const title = str(root.title, 'title', fail);
  const version = str(root.version, 'version', fail);
  const maxLength = num(root.maxLength, 'maxLength', fail, 1, 10_000);

  const t = record(root.thresholds, 'thresholds', fail);
  const thresholds: Thresholds = {
    commentsPerDay: num(t.commentsPerDay, 'thresholds.commentsPerDay', fail, 0, 1e6),
    commentsPerArticle: num(t.commentsPerArticle, 'thresholds.commentsPerArticle', fail, 0, 1e6),
    commentIntervalSeconds: num(t.commentIntervalSeconds, 'thresholds.commentIntervalSeconds', fail, 0, 86_400),
    reactionsPerDay: num(t.reactionsPerDay, 'thresholds.reactionsPerDay', fail, 0, 1e6),
  };

  if (!Array.isArray(root.rules)) fail('rules must be a list');
  const seen = new Set<string>();
  const rules: RuleDefinition[] = (root.rules as unknown[]).map((raw, i) => {
    const r = record(raw, `rules[${i}]`, fail);
    const id = str(r.id, `rules[${i}].id`, fail);
    if (!(RULE_IDS as readonly string[]).includes(id)) fail(`rules[${i}].id "${id}" is not a rule the engine knows (${RULE_IDS.join(', ')})`);
    if (seen.has(id)) fail(`rule "${id}" is listed twice`);
    seen.add(id);
    const action = str(r.action, `${id}.action`, fail) as Action;
    if (!ACTIONS.includes(action)) fail(`${id}.action must be reject, hold or limit, got "${action}"`);
    if (LIMIT_RULES.has(id) !== (action === 'limit')) fail(`${id}.action must be ${LIMIT_RULES.has(id) ? 'limit' : 'reject or hold'}`);
    return {
      id,
      action,
      title: localized(r.title, `${id}.title`, fail),
      description: localized(r.description, `${id}.description`, fail),
      message: localized(r.message, `${id}.message`, fail),
    };
  });
  const missing = RULE_IDS.filter((id) => !seen.has(id));
  if (missing.length) fail(`rules is missing ${missing.join(', ')}`);

  const sanctions = parseSanctions(root.sanctions, fail);

  const l = record(root.lists, 'lists', fail);
  const wordList = (name: string): WordList => {
    const w = record(l[name], `lists.${name}`, fail);
    onlyKnownKeys(w, ['deny', 'allow', 'hold'], `lists.${name}.`, fail);
    return {
      deny: words(w.deny, `lists.${name}.deny`, fail),
      allow: w.allow === undefined ? [] : words(w.allow, `lists.${name}.allow`, fail),
      ...(w.hold === undefined ? {} : { hold: words(w.hold, `lists.${name}.hold`, fail) }),
    };
  };
  const parsed: Policy = {
    title,
    version,
    maxLength,
    thresholds,
    rules,
    sanctions,
    lists: {
      profanity: wordList('profanity'),
      hate: wordList('hate'),
      obscene: wordList('obscene'),
      violence: wordList('violence'),
      adKeywords: words(l.adKeywords, 'lists.adKeywords', fail),
      adTopics: l.adTopics === undefined ? [] : words(l.adTopics, 'lists.adTopics', fail),
      contactChannels: words(l.contactChannels, 'lists.contactChannels', fail),
      adCalls: l.adCalls === undefined ? [] : words(l.adCalls, 'lists.adCalls', fail),
      noiseWords: words(l.noiseWords, 'lists.noiseWords', fail),
      banks: words(l.banks, 'lists.banks', fail),
      deniedDomains: words(l.deniedDomains, 'lists.deniedDomains', fail).map((d) => d.toLowerCase()),
      adultDomains: words(l.adultDomains, 'lists.adultDomains', fail).map((d) => d.toLowerCase()),
      shorteners: words(l.shorteners, 'lists.shorteners', fail).map((d) => d.toLowerCase()),
      allowedDomains: words(l.allowedDomains, 'lists.allowedDomains', fail).map((d) => d.toLowerCase()),
      reservedNames: words(l.reservedNames, 'lists.reservedNames', fail),
    },
    ...(root.toxicity === undefined ? {} : { toxicity: parseToxicity(root.toxicity, source, fail) }),
  };
  // A misspelt key (profanty, commentsPerDays) would otherwise be ignored without a word.
  onlyKnownKeys(root, ['title', 'version', 'maxLength', 'thresholds', 'rules', 'sanctions', 'lists', 'toxicity'], '', fail);
  onlyKnownKeys(t, Object.keys(thresholds), 'thresholds.', fail);
  onlyKnownKeys(l, Object.keys(parsed.lists), 'lists.', fail);
  (root.rules as Record<string, unknown>[]).forEach((r, i) => onlyKnownKeys(r, ['id', 'action', 'title', 'description', 'message'], `rules[${i}].`, fail));
  checkMatchForms(parsed.lists, fail);
  return parsed;
}

/** policy.md's ladder: a warning, a day, seven days, thirty days, a ban. */
export const DEFAULT_SANCTIONS: Sanctions = {
  strikeLadder: [{ kind: 'warning' }, { kind: 'suspend', days: 1 }, { kind: 'suspend', days: 7 }, { kind: 'suspend', days: 30 }, { kind: 'ban' }],
  claimHideDays: 30,
};

/** `sanctions: { strikeLadder: [warning, 1, 7, 30, ban], claimHideDays: 30 }`; left out, policy.md's defaults. */
function parseSanctions(v: unknown, fail: Fail): Sanctions {
  if (v === undefined) return DEFAULT_SANCTIONS;
  const s = record(v, 'sanctions', fail);
  onlyKnownKeys(s, ['strikeLadder', 'claimHideDays'], 'sanctions.', fail);
  const ladder = s.strikeLadder === undefined ? DEFAULT_SANCTIONS.strikeLadder : s.strikeLadder;
  if (!Array.isArray(ladder) || ladder.length === 0) fail('sanctions.strikeLadder must be a non-empty list of warning, a number of days, or ban');
  const strikeLadder = (ladder as unknown[]).map((step, i): SanctionStep => {
    if (step === 'warning') return { kind: 'warning' };
    if (step === 'ban') return { kind: 'ban' };
    return { kind: 'suspend', days: num(step, `sanctions.strikeLadder[${i}]`, fail, 1, 3650) };
  });
  const claimHideDays = s.claimHideDays === undefined ? DEFAULT_SANCTIONS.claimHideDays : num(s.claimHideDays, 'sanctions.claimHideDays', fail, 1, 365);
  return { strikeLadder, claimHideDays };
}

/**
 * `toxicity: { model: scorer/toxicity.bin, hold: 0.6, reject: 0.9, minHangulShare: 0.5 }`:
 * the model file (relative to the policy file's folder) and the bands on the
 * toxic head's probability, hold below reject.
 */
function parseToxicity(v: unknown, source: string, fail: Fail): ToxicityBands {
  const t = record(v, 'toxicity', fail);
  onlyKnownKeys(t, ['model', 'hold', 'reject', 'minHangulShare'], 'toxicity.', fail);
  const share = (x: unknown, where: string): number => {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > 1) fail(`${where} must be a number from 0 to 1, got ${JSON.stringify(x)}`);
    return x as number;
  };
  const hold = share(t.hold, 'toxicity.hold');
  const reject = share(t.reject, 'toxicity.reject');
  if (!(hold < reject)) fail(`toxicity.hold (${hold}) must be below toxicity.reject (${reject})`);
  const model = str(t.model, 'toxicity.model', fail);
  const base = source === '(inline)' ? path.join(projectRoot(), 'policy') : path.dirname(source);
  return { model: path.resolve(base, model), hold, reject, minHangulShare: share(t.minHangulShare, 'toxicity.minHangulShare') };
}

/** One character that is a word by itself: a Hangul syllable (좆), a Chinese character (糞), a consonant cluster (ㅄ, ㅂ and ㅅ). */
const WHOLE_WORD_CHARACTER = /^(?:[\uac00-\ud7a3\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[ㄳㄵㄶㄺㄻㄼㄽㄾㄿㅀㅄ])$/u;

/**
 * The lists are matched in their normalised form, not as written, and that
 * form can surprise: repeats collapse, so "xxx" becomes "x" and would refuse
 * every lone x (Malcolm X, the X Games). Every entry matched that way is
 * checked as the matcher will read it: it must keep a letter, not be a single
 * one, and not be cancelled whole by its own allow-list.
 */
function checkMatchForms(lists: Policy['lists'], fail: Fail): void {
  const matched: [string, string[], string[]][] = [
    ...(['profanity', 'hate', 'obscene', 'violence'] as const).map((name): [string, string[], string[]] => [`lists.${name}.deny`, lists[name].deny, lists[name].allow]),
    ...(['profanity', 'hate', 'obscene', 'violence'] as const).map((name): [string, string[], string[]] => [`lists.${name}.hold`, lists[name].hold ?? [], lists[name].allow]),
    ['lists.adKeywords', lists.adKeywords, []],
    ['lists.adTopics', lists.adTopics, []],
    ['lists.contactChannels', lists.contactChannels, []],
    ['lists.adCalls', lists.adCalls, []],
    ['lists.reservedNames', lists.reservedNames, []],
  ];
  for (const [where, deny, allow] of matched) {
    const allowed = new Set(allow.map(normalizeListEntry));
    for (const entry of deny) {
      const form = normalizeListEntry(entry);
      if (!form) fail(`${where} "${entry}" has no letter left once normalised, so it can never match`);
      if ([...form].length === 1 && !WHOLE_WORD_CHARACTER.test(form)) fail(`${where} "${entry}" is a single letter once normalised ("${form}"), so it would match every lone "${form}"`);
      if (allowed.has(form)) fail(`${where} "${entry}" reads "${form}" once normalised, which ${where.replace(/(deny|hold)$/, 'allow')} also holds, so it can never match`);
    }
  }
}

function onlyKnownKeys(v: Record<string, unknown>, known: string[], prefix: string, fail: Fail): void {
  const unknown = Object.keys(v).find((k) => !known.includes(k));
  if (unknown !== undefined) fail(`${prefix}${unknown} is not a known setting (expected one of ${known.join(', ')})`);
}

type Fail = (problem: string) => never;

function record(v: unknown, where: string, fail: Fail): Record<string, unknown> {
  if (!v || typeof v !== 'object' || Array.isArray(v)) fail(`${where} must be a mapping`);
  return v as Record<string, unknown>;
}
function str(v: unknown, where: string, fail: Fail): string {
  if (typeof v !== 'string' || !v.trim()) fail(`${where} must be a non-empty string`);
  return (v as string).trim();
}
function num(v: unknown, where: string, fail: Fail, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(`${where} must be a whole number from ${min} to ${max}, got ${JSON.stringify(v)}`);
  return v as number;
}
function localized(v: unknown, where: string, fail: Fail): LocalizedText {
  const r = record(v, where, fail);
  return { ko: str(r.ko, `${where}.ko`, fail), en: str(r.en, `${where}.en`, fail) };
}
function words(v: unknown, where: string, fail: Fail): string[] {
  if (!Array.isArray(v)) fail(`${where} must be a list of words`);
  return (v as unknown[]).map((w, i) => {
    if (typeof w !== 'string' && typeof w !== 'number') fail(`${where}[${i}] must be a word`);
    const s = String(w).trim();
    if (!s) fail(`${where}[${i}] is empty`);
    return s;
  });
}
