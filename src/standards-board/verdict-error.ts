import { AppError } from '../common/errors';
import type { Verdict, Violation } from '../policy';

/**
 * The HTTP answer for a rule that refuses: the rule picks the code
 * (suspension 403, closed article 409, flooding 429, anything else 422), the
 * message is the rule's own, its public details go along, and every fired
 * rule is listed. Never the text.
 */
export function refusal(deciding: Violation, rules: string[], policyVersion: string): AppError {
  const base = { rule: deciding.rule, rules, policyVersion };
  switch (deciding.rule) {
    case 'account.suspended':
      return new AppError('ACCOUNT_SUSPENDED', { message: deciding.message, details: { ...base, ...deciding.details } });
    case 'article.closed':
      return new AppError('COMMENTS_CLOSED', { message: deciding.message, details: base });
    case 'flood.rate':
      return new AppError('RATE_LIMITED', {
        message: deciding.message,
        details: { ...base, ...deciding.details, ...(deciding.retryAfterSeconds ? { retryAfterSeconds: deciding.retryAfterSeconds } : {}) },
        headers: deciding.retryAfterSeconds ? { 'Retry-After': String(Math.ceil(deciding.retryAfterSeconds)) } : undefined,
      });
    default:
      return new AppError('POLICY_VIOLATION', { message: deciding.message, details: base });
  }
}

/** The refusal a verdict carries, or null when the comment may be stored (published or held). */
export function verdictError(verdict: Verdict): AppError | null {
  if (verdict.verdict !== 'reject' && verdict.verdict !== 'limit') return null;
  const deciding = verdict.violations.find((v) => v.rule === verdict.decidingRule) ?? verdict.violations[0];
  return refusal(deciding, verdict.violations.map((v) => v.rule), verdict.policyVersion);
}
