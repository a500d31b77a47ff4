import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '../common/errors';
import type { PolicyEngine, SanctionStep } from '../policy';
import { POLICY_ENGINE } from '../standards-board/policy-engine.token';
import type { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { AuditRepository, type Actor } from './audit.repository';
import { SanctionsRepository, type SanctionRecord } from './sanctions.repository';

/** A ban is a suspension until the end of time as Postgres and JavaScript both keep it; the policy rule reads anything a century away as permanent. */
export const BAN_UNTIL = new Date('9999-12-31T23:59:59.000Z');
const DAY_MS = 86_400_000;

/** The rung of the ladder strike `n` (1-based) takes: past the last rung, the last one again. */
export function ladderStep(ladder: SanctionStep[], n: number): SanctionStep {
  return ladder[Math.min(n, ladder.length) - 1];
}

/**
 * Strikes and sanctions. A confirmed violation is a strike and climbs the
 * policy file's ladder at once (a warning, suspensions, a ban); a moderator
 * can also suspend or ban directly, and lift what is in force. The sanction
 * in force is also kept on the user's row, which every check of a reader's
 * standing reads; a suspension ends by itself when its time is up.
 */
@Injectable()
export class SanctionsService {
  constructor(
    @Inject(POLICY_ENGINE) private readonly policy: PolicyEngine,
    private readonly sanctions: SanctionsRepository,
    private readonly users: UsersRepository,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * A strike for `rule` on the author of a comment, and the ladder's sanction
   * for it. Staff are not sanctioned (policy.md): their strike is recorded and
   * the ladder left alone, null.
   */
  async strike(m: EntityManager, authorId: string, commentId: string, rule: string, actor: Actor): Promise<SanctionRecord | null> {
    const author = (await this.users.lock(m, authorId))!;
    const strike = await this.sanctions.addStrike(m, authorId, commentId, rule, actor.id);
    const step = ladderStep(this.policy.describe().sanctions.strikeLadder, strike.count);
    const reason = `Strike ${strike.count} (${rule})`;
    const sanction = author.role === 'reader' ? await this.apply(m, author, step, reason, strike.id, null) : null;
    await this.audit.record(m, { id: null, kind: 'system' }, {
      action: 'user.strike',
      targetType: 'user',
      targetId: authorId,
      reason,
      before: { suspendedUntil: author.suspendedUntil },
      after: { strikes: strike.count, sanction: sanction?.kind ?? null, until: sanction?.until ?? null, commentId, rule },
    });
    return sanction;
  }

  /** A moderator suspends (for `days`) or bans a reader directly. */
  async sanction(m: EntityManager, actor: Actor, target: User, kind: 'suspend' | 'ban', days: number | undefined, reason: string): Promise<SanctionRecord> {
    if (kind === 'suspend' && !days) throw AppError.validation('A suspension needs days (1 to 3650).', { fields: [{ field: 'days', problems: ['required for a suspension'] }] });
    const step: SanctionStep = kind === 'ban' ? { kind: 'ban' } : { kind: 'suspend', days: days! };
    const sanction = await this.apply(m, target, step, reason, null, actor.id);
    await this.audit.record(m, actor, {
      action: `user.${kind}`,
      targetType: 'user',
      targetId: target.id,
      reason,
      before: { suspendedUntil: target.suspendedUntil, suspensionReason: target.suspensionReason },
      after: { suspendedUntil: sanction.until, suspensionReason: reason },
    });
    return sanction;
  }

  /** Lifts the suspension or ban in force; 409 when there is none. */
  async lift(m: EntityManager, actor: Actor, target: User, reason: string | null): Promise<void> {
    const lifted = await this.sanctions.liftInForce(m, target.id, actor.id);
    if (!lifted && !(target.suspendedUntil && target.suspendedUntil > new Date())) {
      throw new AppError('CONFLICT', { message: { en: 'This reader has no suspension or ban in force.', ko: '이 독자에게는 적용 중인 이용 정지가 없습니다.' } });
    }
    await this.users.setSuspension(m, target.id, null, null);
    await this.audit.record(m, actor, {
      action: 'user.sanction.lift',
      targetType: 'user',
      targetId: target.id,
      reason,
      before: { suspendedUntil: target.suspendedUntil, suspensionReason: target.suspensionReason },
      after: { suspendedUntil: null },
    });
  }

  /**
   * Records the sanction and, for a suspension or ban, puts it in force. A
   * shorter suspension never cuts a longer one (or a ban) short.
   */
  private async apply(m: EntityManager, target: User, step: SanctionStep, reason: string, strikeId: string | null, actorId: string | null): Promise<SanctionRecord> {
    const until = step.kind === 'ban' ? BAN_UNTIL : step.kind === 'suspend' ? new Date(Date.now() + step.days * DAY_MS) : null;
    const sanction = await this.sanctions.add(m, { userId: target.id, kind: step.kind, until, reason, strikeId, actorId });
    const current = target.suspendedUntil && target.suspendedUntil > new Date() ? target.suspendedUntil : null;
    if (until && (!current || until > current)) await this.users.setSuspension(m, target.id, until, reason);
    return sanction;
  }
}
