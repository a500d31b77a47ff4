import { Inject, Injectable } from '@nestjs/common';
import type { PolicyEngine } from '../policy';
import type { User } from '../users/user.entity';
import { POLICY_ENGINE } from './policy-engine.token';
import { refusal } from './verdict-error';

/**
 * A reader's standing, checked first by every action that writes in their
 * name (posting, editing, reacting, reporting): a suspended or banned reader
 * is refused with the same 403 ACCOUNT_SUSPENDED body everywhere.
 */
@Injectable()
export class ReaderStanding {
  constructor(@Inject(POLICY_ENGINE) private readonly policy: PolicyEngine) {}

  assertMayAct(user: Pick<User, 'suspendedUntil' | 'suspensionReason'>, now = new Date()): void {
    const suspended = this.policy.checkSuspended(user, now);
    if (suspended) throw refusal(suspended, [suspended.rule], this.policy.version);
  }
}
