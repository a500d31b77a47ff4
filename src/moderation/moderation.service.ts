import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AppError } from '../common/errors';
import { CommentLifecycle } from '../comments/comment-lifecycle';
import { CommentsRepository, type LockedComment } from '../comments/comments.repository';
import { decodeCursor, encodeCursor } from '../comments/cursor';
import { CommentView, toCommentView, type CommentRow } from '../comments/dto/comment.view';
import type { CommentState } from '../comments/visibility';
import { inTransaction } from '../database/transaction';
import { LiveEvents } from '../live/live-events';
import { ruleKind, type PolicyEngine } from '../policy';
import type { RuleId } from '../policy';
import { ReportsService } from '../reports/reports.service';
import { POLICY_ENGINE } from '../standards-board/policy-engine.token';
import type { Role, User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { AuditRepository, type Actor } from './audit.repository';
import { ClaimsRepository } from './claims.repository';
import type { AuditPage, ClaimOpenedView, PersonView, QueueItemView, QueuePage, RoleView, SanctionView, ThreadView } from './dto';
import { QueueRepository, type QueueRow, type QueueStatus } from './queue.repository';
import { SanctionsService } from './sanctions.service';

export type Decision = 'approve' | 'reject' | 'hide' | 'restore' | 'delete';

/**
 * Which state each decision starts from, and where it takes the comment. A
 * decision from any other state is a 409: most often another moderator got
 * there first, and the answer says what they decided.
 */
const DECISIONS: Record<Decision, { from: LockedComment['status'][]; to: CommentState }> = {
  approve: { from: ['pending'], to: { status: 'published' } },
  reject: { from: ['pending'], to: { status: 'deleted', notice: 'removed_by_moderator' } },
  hide: { from: ['published'], to: { status: 'hidden', notice: 'hidden_by_moderator' } },
  restore: { from: ['hidden'], to: { status: 'published' } },
  delete: { from: ['published', 'pending', 'hidden'], to: { status: 'deleted', notice: 'removed_by_moderator' } },
};

const DAY_MS = 86_400_000;
/** Audit ids are Postgres bigints. */
const MAX_BIGINT = 9223372036854775807n;

/**
 * The Standards Board's human side: the queue, decisions on comments (each
 * through the comment lifecycle), rights claims, sanctions, roles, display
 * names and the audit log. Every action writes its audit entry in the same
 * transaction as the change.
 */
@Injectable()
export class ModerationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(POLICY_ENGINE) private readonly policy: PolicyEngine,
    private readonly comments: CommentsRepository,
    private readonly lifecycle: CommentLifecycle,
    private readonly reports: ReportsService,
    private readonly users: UsersRepository,
    private readonly queue: QueueRepository,
    private readonly claims: ClaimsRepository,
    private readonly sanctions: SanctionsService,
    private readonly audit: AuditRepository,
    private readonly live: LiveEvents,
  ) {}

  // ---- the queue ----

  async list(status: QueueStatus, articleId: string | null, limit: number, cursor: string | undefined): Promise<QueuePage> {
    const scope = `queue:${status}:${articleId ?? ''}`;
    const after = decodeCursor(cursor, scope);
    if (status === 'names') {
      const rows = await this.queue.names(limit, after);
      const items = rows.slice(0, limit);
      return {
        items: items.map((r) => ({ kind: 'name', user: { id: r.id, displayName: r.display_name, requestedName: r.pending_display_name, accountCreatedAt: r.created_at.toISOString() } })),
        nextCursor: rows.length > limit ? encodeCursor(scope, { t: items[items.length - 1].created_key, id: items[items.length - 1].id }) : null,
      };
    }
    const rows = await this.queue.comments(status, articleId, limit, after);
    const items = rows.slice(0, limit);
    return {
      items: items.map(queueItem),
      nextCursor: rows.length > limit ? encodeCursor(scope, { t: items[items.length - 1].created_key, id: items[items.length - 1].id }) : null,
    };
  }

  /** One comment as the queue shows it, whatever its state; 404 for none. */
  async item(commentId: string): Promise<QueueItemView> {
    const row = await this.queue.item(commentId);
    if (!row) throw AppError.notFound('comment');
    return queueItem(row);
  }

  /** A comment with its whole thread as moderators see it: the top-level comment and every reply, any state. */
  async thread(commentId: string): Promise<ThreadView> {
    const row = await this.queue.item(commentId);
    if (!row) throw AppError.notFound('comment');
    const rows = await this.queue.thread(row.parent_id ?? row.id);
    const [top, ...replies] = rows;
    return { comment: queueItem(row), top: moderatorView(top), replies: replies.slice(0, 200).map(moderatorView), moreReplies: replies.length > 200 };
  }

  /** A person's record before a sanction or a role change. */
  async person(userId: string): Promise<PersonView> {
    const p = await this.queue.person(userId);
    if (!p) throw AppError.notFound('user');
    const inForce = p.suspended_until && p.suspended_until > new Date();
    return {
      id: p.id,
      displayName: p.display_name,
      role: p.role,
      accountCreatedAt: p.created_at.toISOString(),
      comments: p.comments,
      strikes: p.strikes,
      suspendedUntil: inForce ? p.suspended_until!.toISOString() : null,
      suspensionReason: inForce ? p.suspension_reason : null,
      requestedName: p.name_review === 'pending' ? p.pending_display_name : null,
    };
  }

  // ---- decisions on comments ----

  async decide(actor: Actor, commentId: string, decision: Decision, reason: string | undefined, rule: string | undefined): Promise<CommentView> {
    return inTransaction(this.dataSource, async (m) => {
      const c = await this.lifecycle.lock(m, commentId);
      if (!c) throw AppError.notFound('comment');
      const { from, to } = DECISIONS[decision];
      if (!from.includes(c.status)) throw await this.conflict(m, c, decision);
      const before = await this.moderatorView(m, c.id);

      if (decision === 'restore') await this.reports.clearFor(m, c.id);
      const claim = await this.claims.openFor(m, c.id);
      if (claim && (decision === 'restore' || decision === 'delete')) {
        await this.claims.resolve(m, claim.id, decision === 'restore' ? 'restored' : 'deleted', actor.id);
        await this.comments.clearRestorationRequest(m, c.id);
      }
      await this.lifecycle.transition(m, c, to);

      const confirmed = decision === 'reject' || decision === 'delete' ? (rule ?? (decision === 'reject' ? await this.heldFor(m, c.id) : undefined)) : undefined;
      const sanction = confirmed && c.author_id ? await this.sanctions.strike(m, c.author_id, c.id, confirmed, actor) : null;

      const after = await this.moderatorView(m, c.id);
      await this.audit.record(m, actor, {
        action: `comment.${decision}`,
        targetType: 'comment',
        targetId: c.id,
        reason: reason ?? null,
        before: { ...before, authorId: c.author_id },
        after: { ...after, authorId: c.author_id, ...(confirmed ? { rule: confirmed, strike: sanction?.kind ?? null } : {}) },
      });
      await this.live.recordForModerators(m, 'comment.decided', c.id);
      return after;
    });
  }

  /** The content rules that held a comment: what rejecting it confirms when the moderator names none. */
  private async heldFor(m: EntityManager, commentId: string): Promise<string | undefined> {
    const record = await this.comments.policyRecord(m, commentId);
    return record.rules.find((r) => ruleKind(r as RuleId) === 'content');
  }

  private async conflict(m: EntityManager, c: LockedComment, decision: Decision): Promise<AppError> {
    const latest = await this.audit.latestDecisionOn(m, c.id);
    return new AppError('CONFLICT', {
      message: {
        en: `This comment cannot be ${decision === 'approve' ? 'approved' : decision === 'hide' ? 'hidden' : `${decision}d`} now: it is ${c.status}.`,
        ko: `지금 상태(${c.status})에서는 이 결정을 내릴 수 없습니다.`,
      },
      details: {
        status: c.status,
        notice: c.notice,
        decision: latest ? { action: latest.action, actorId: latest.actor.id, actorName: latest.actor.displayName, at: latest.at, reason: latest.reason } : null,
      },
    });
  }

  // ---- rights claims (임시조치) ----

  async claim(actor: Actor, commentId: string, claimant: string, reason: string): Promise<ClaimOpenedView> {
    return inTransaction(this.dataSource, async (m) => {
      const c = await this.lifecycle.lock(m, commentId);
      if (!c || c.status === 'deleted') throw AppError.notFound('comment');
      if (c.status === 'pending' || (await this.claims.openFor(m, c.id))) {
        throw new AppError('CONFLICT', {
          message: { en: 'This comment is held or already under a rights claim.', ko: '검토 대기 중이거나 이미 권리침해 신고가 접수된 댓글입니다.' },
          details: { status: c.status, notice: c.notice },
        });
      }
      const before = await this.moderatorView(m, c.id);
      const days = this.policy.describe().sanctions.claimHideDays;
      const opened = await this.claims.open(m, { commentId: c.id, claimant, reason, actorId: actor.id, days });
      await this.lifecycle.transition(m, c, { status: 'hidden', notice: 'hidden_by_claim' });
      const after = await this.moderatorView(m, c.id);
      await this.audit.record(m, actor, {
        action: 'comment.claim',
        targetType: 'comment',
        targetId: c.id,
        reason,
        before: { ...before, authorId: c.author_id },
        after: { ...after, authorId: c.author_id, claim: { id: opened.id, claimant, hiddenUntil: opened.hiddenUntil.toISOString() } },
      });
      return {
        claim: { id: opened.id, claimant: opened.claimant, reason: opened.reason, createdAt: opened.createdAt.toISOString(), hiddenUntil: opened.hiddenUntil.toISOString() },
        comment: after,
      };
    });
  }

  /**
   * Announces claims whose period has run out, once each, whatever the number
   * of instances sweeping: the audit log and the moderators' stream hear of it,
   * and the queue lists the claim (it does by its own query in any case).
   */
  async announceDueClaims(): Promise<number> {
    return inTransaction(this.dataSource, async (m) => {
      const due = await this.claims.takeDue(m);
      for (const claim of due) {
        await this.audit.record(m, { id: null, kind: 'system' }, { action: 'claim.due', targetType: 'comment', targetId: claim.commentId, after: { claimId: claim.id } });
        await this.live.recordForModerators(m, 'claim.due', claim.commentId);
      }
      return due.length;
    });
  }

  // ---- people ----

  async sanction(actor: Actor, userId: string, type: 'suspend' | 'ban', days: number | undefined, reason: string): Promise<SanctionView> {
    return inTransaction(this.dataSource, async (m) => {
      const target = await this.lockSanctionable(m, actor, userId);
      const s = await this.sanctions.sanction(m, actor, target, type, days, reason);
      return { id: s.id, kind: s.kind, until: s.until?.toISOString() ?? null, reason: s.reason };
    });
  }

  /** Lifts what is in force, from a reader or from staff who were sanctioned as readers; never one's own. */
  async liftSanction(actor: Actor, userId: string, reason: string | undefined): Promise<void> {
    await inTransaction(this.dataSource, async (m) => {
      const target = await this.users.lock(m, userId);
      if (!target) throw AppError.notFound('user');
      if (target.id === actor.id) throw new AppError('FORBIDDEN', { message: { en: 'Nobody lifts their own sanction.', ko: '자신의 제재는 해제할 수 없습니다.' } });
      await this.sanctions.lift(m, actor, target, reason ?? null);
    });
  }

  /** Readers are sanctioned; staff lose their role first, and nobody sanctions themselves. */
  private async lockSanctionable(m: EntityManager, actor: Actor, userId: string): Promise<User> {
    const target = await this.users.lock(m, userId);
    if (!target) throw AppError.notFound('user');
    if (target.id === actor.id || target.role !== 'reader') {
      throw new AppError('FORBIDDEN', { message: { en: 'Only readers are sanctioned; withdraw a moderator’s role first.', ko: '독자만 제재할 수 있습니다. 운영자는 먼저 권한을 해제하세요.' } });
    }
    return target;
  }

  /** An admin grants or withdraws a role; the last admin stays an admin. */
  async setRole(actor: Actor, userId: string, role: Role): Promise<RoleView> {
    return inTransaction(this.dataSource, async (m) => {
      const admins = await this.users.lockAdmins(m);
      const target = await this.users.lock(m, userId);
      if (!target) throw AppError.notFound('user');
      if (target.role === 'admin' && role !== 'admin' && admins.length <= 1) {
        throw new AppError('CONFLICT', { message: { en: 'The last admin cannot stop being one: make another admin first.', ko: '마지막 관리자의 권한은 해제할 수 없습니다. 먼저 다른 관리자를 지정하세요.' } });
      }
      if (target.role !== role) {
        await this.users.setRole(m, userId, role);
        await this.audit.record(m, actor, { action: 'user.role', targetType: 'user', targetId: userId, before: { role: target.role }, after: { role } });
      }
      return { id: userId, role };
    });
  }

  /** A display name the identity rules flagged is shown from now on. */
  async approveName(actor: Actor, userId: string): Promise<{ id: string; displayName: string }> {
    return inTransaction(this.dataSource, async (m) => {
      const target = await this.users.lock(m, userId);
      if (!target) throw AppError.notFound('user');
      if (target.nameReview !== 'pending' || !target.pendingDisplayName) {
        throw new AppError('CONFLICT', { message: { en: 'This reader’s name is not waiting for approval.', ko: '승인을 기다리는 이름이 아닙니다.' } });
      }
      await this.users.approveName(m, userId);
      await this.audit.record(m, actor, {
        action: 'user.display_name.approve',
        targetType: 'user',
        targetId: userId,
        before: { displayName: target.displayName },
        after: { displayName: target.pendingDisplayName },
      });
      await this.live.recordForModerators(m, 'name.decided', userId);
      return { id: userId, displayName: target.pendingDisplayName };
    });
  }

  // ---- the audit log ----

  async auditLog(filter: { actorId?: string; targetId?: string }, limit: number, cursor: string | undefined): Promise<AuditPage> {
    const scope = `audit:${filter.actorId ?? ''}:${filter.targetId ?? ''}`;
    const before = decodeAuditCursor(cursor, scope);
    const rows = await this.audit.list(filter, limit + 1, before);
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? Buffer.from(JSON.stringify({ s: scope, id: items[items.length - 1].id })).toString('base64url') : null };
  }

  private async moderatorView(m: EntityManager, commentId: string): Promise<CommentView> {
    return moderatorView((await this.comments.one(commentId, null, m))!);
  }
}

/** A comment as moderators see it: what its author sees, notice included, whoever looks. */
function moderatorView(row: CommentRow): CommentView {
  return { ...toCommentView(row, null), notice: row.notice, myReaction: null };
}

function queueItem(r: QueueRow): QueueItemView {
  const reasons: Record<string, number> = {};
  for (const report of r.reports) reasons[report.reason] = (reasons[report.reason] ?? 0) + 1;
  return {
    kind: 'comment',
    comment: moderatorView(r),
    article: { id: r.article_id, title: r.article_title, url: r.article_url },
    policy: { version: r.policy_version, rules: r.policy_rules, toxicity: r.toxicity ?? null },
    reports: { count: r.reports.length, reasons, reporterIds: r.reports.map((x) => x.reporterId), items: r.reports },
    author:
      r.author_id && r.author_since
        ? {
            id: r.author_id,
            displayName: r.author_name ?? '',
            accountCreatedAt: r.author_since.toISOString(),
            accountAgeDays: Math.floor((Date.now() - r.author_since.getTime()) / DAY_MS),
            comments: r.author_comments,
            strikes: r.author_strikes,
            suspendedUntil: r.author_suspended_until && r.author_suspended_until > new Date() ? r.author_suspended_until.toISOString() : null,
            suspensionReason: r.author_suspended_until && r.author_suspended_until > new Date() ? r.author_suspension_reason : null,
          }
        : null,
    claim: r.claim,
    restorationRequestedAt: r.restoration_requested_at?.toISOString() ?? null,
  };
}

function decodeAuditCursor(raw: string | undefined, scope: string): string | null {
  if (raw === undefined || raw === '') return null;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { s?: unknown; id?: unknown };
    if (raw.length <= 256 && /^[A-Za-z0-9_-]+$/.test(raw) && c.s === scope && typeof c.id === 'string' && /^\d{1,19}$/.test(c.id) && BigInt(c.id) <= MAX_BIGINT) return c.id;
  } catch {
    // falls through to the 400
  }
  throw AppError.validation({ en: 'The cursor is not valid for this list.', ko: '목록 위치(cursor)가 올바르지 않습니다.' }, { fields: [{ field: 'cursor', problems: ['malformed cursor'] }] });
}
