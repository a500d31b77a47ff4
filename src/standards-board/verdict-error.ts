import { AppError } from '../common/errors';
import type { Verdict } from '../policy';

/**
 * The HTTP answer for a verdict that refuses: the deciding rule picks the code
 * (suspension 403, closed article 409, flooding 429, anything else 422), the
 * message is the rule's own, and every fired rule is listed. Never the text.
 */
export function verdictError(verdict: Verdict, suspension?: { until: Date | null; reason: string | null }): AppError | null {
  if (verdict.verdict !== 'reject' && verdict.verdict !== 'limit') return null;
  const deciding = verdict.violations.find((v) => v.rule === verdict.decidingRule) ?? verdict.violations[0];
  const rules = verdict.violations.map((v) => v.rule);
  const base = { rule: deciding.rule, rules, policyVersion: verdict.policyVersion };
  switch (deciding.rule) {
    case 'account.suspended':
      return new AppError('ACCOUNT_SUSPENDED', { message: deciding.message, details: { ...base, until: suspension?.until?.toISOString() ?? null, reason: suspension?.reason ?? null } });
    case 'article.closed':
      return new AppError('COMMENTS_CLOSED', { message: deciding.message, details: base });
    case 'flood.rate':
      return new AppError('RATE_LIMITED', {
        message: deciding.message,
        details: { ...base, ...(deciding.retryAfterSeconds ? { retryAfterSeconds: deciding.retryAfterSeconds } : {}) },
        headers: deciding.retryAfterSeconds ? { 'Retry-After': String(Math.ceil(deciding.retryAfterSeconds)) } : undefined,
      });
    default:
      return new AppError('POLICY_VIOLATION', { message: deciding.message, details: base });
  }
}
