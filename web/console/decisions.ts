import type { CommentStatus, Decision, PolicyRule } from './types';

export const DECISIONS: Decision[] = ['approve', 'reject', 'hide', 'restore', 'delete'];

export const DECISION_KEYS: Record<Decision, string> = { approve: 'a', reject: 'r', hide: 'h', restore: 's', delete: 'd' };

/** The states each decision starts from, as the server checks them (docs/api.md, Moderation). */
export function isAllowed(decision: Decision, status: CommentStatus): boolean {
  switch (decision) {
    case 'approve':
    case 'reject':
      return status === 'pending';
    case 'hide':
      return status === 'published';
    case 'restore':
      return status === 'hidden';
    case 'delete':
      return status !== 'deleted';
  }
}

/**
 * The rules a moderator may confirm as broken (a strike). Rules about the
 * circumstances (floods, new accounts, suspensions, closed or pre-moderated
 * articles) say nothing about what the author wrote, so they are not offered.
 */
export function strikeRules(rules: PolicyRule[]): PolicyRule[] {
  return rules.filter((r) => r.action !== 'limit' && !/^(flood|account|article)\./.test(r.id));
}
