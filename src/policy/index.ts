// The Standards Board Policy engine: pure TypeScript, text and context in,
// verdict out. No Nest, no database: the comments service gathers the
// context and acts on the verdict.
export { ContentVerdictMismatchError, createPolicyEngine, ruleKind, type PolicyEngine } from './engine';
export { countCharacters, measure, normalizeBody, LIMITS } from './length';
export { fingerprint, toMatchForm } from './normalize';
export { loadPolicyFile, parsePolicy, PolicyFileError, RULE_IDS, type RuleId } from './policy-file';
export { maskRrn } from './rules/pii-rrn.rule';
export { checkReactionRate } from './rules/flood-rate.rule';
export type { Action, AuthorCommentCount, AuthorContext, ContentVerdict, LocalizedText, Policy, PolicyContext, PublicPolicy, SanctionStep, Sanctions, Thresholds, Verdict, Violation } from './types';

export const DEFAULT_POLICY_FILE = 'policy/standards-board.yaml';
export type { ToxicityAssessment, ToxicityBands } from './types';
export { ScorerFileError, loadToxicityModel, type ToxicityModel } from './scorer/model';
export { RemoteToxicityScorer } from './scorer/remote';
export type { ToxicityScorer } from './scorer/scorer';
export type { EngineOptions } from './engine';
