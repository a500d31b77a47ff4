import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/errors';
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

  assertMayAct(user: Pick<User, 'suspendedUntil' | 'suspensionReason'> | null, now = new Date()): void {
    // Read under the acting lock, the account may be gone: erased while the request waited.
    if (!user) throw new AppError('UNAUTHENTICATED', { message: { en: 'This account no longer exists.', ko: '이 계정은 더 이상 존재하지 않습니다.' } });
    const suspended = this.policy.checkSuspended(user, now);
    if (suspended) throw refusal(suspended, [suspended.rule], this.policy.version);
  }
}
