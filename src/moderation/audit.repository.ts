import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** Who acted: a moderator or admin (by id), the newsroom's CMS, or the service itself (a timer). */
export interface Actor {
  id: string | null;
  kind: 'moderator' | 'admin' | 'cms' | 'system';
}

export interface AuditRecord {
  action: string;
  targetType: 'comment' | 'user' | 'article';
  targetId: string;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditView {
  id: string;
  at: string;
  /** displayName: what the acting moderator is called now (null for the CMS, the system, or an erased account). */
  actor: { id: string | null; kind: Actor['kind']; displayName: string | null };
  action: string;
  target: { type: string; id: string };
  reason: string | null;
  before: unknown;
  after: unknown;
}

interface AuditRow {
  id: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_kind: Actor['kind'];
  action: string;
  target_type: string;
  target_id: string;
  reason: string | null;
  before: unknown;
  after: unknown;
  created_at: Date;
}

/**
 * Every statement on `moderation_audit`, the append-only log (the database
 * itself refuses UPDATE, DELETE and TRUNCATE; see the AddModeration migration).
 */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(m: EntityManager, actor: Actor, entry: AuditRecord): Promise<void> {
    await m.query(
      `INSERT INTO moderation_audit (actor_id, actor_kind, action, target_type, target_id, reason, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [actor.id, actor.kind, entry.action, entry.targetType, entry.targetId, entry.reason ?? null, json(entry.before), json(entry.after)],
    );
  }

  /** The latest decision a person took on a comment (not the claims sweep's notes): what a moderator who came second is told. */
  async latestDecisionOn(m: EntityManager, commentId: string): Promise<AuditView | null> {
    const rows: AuditRow[] = await m.query(
      `${WITH_ACTOR} WHERE a.target_id = $1 AND a.target_type = 'comment' AND a.action LIKE 'comment.%' ORDER BY a.id DESC LIMIT 1`,
      [commentId],
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  /** Newest first, keyset on the id. */
  async list(filter: { actorId?: string; targetId?: string }, limit: number, beforeId: string | null): Promise<AuditView[]> {
    const rows: AuditRow[] = await this.dataSource.query(
      `${WITH_ACTOR}
        WHERE ($1::uuid IS NULL OR a.actor_id = $1::uuid) AND ($2::varchar IS NULL OR a.target_id = $2::varchar) AND ($3::bigint IS NULL OR a.id < $3::bigint)
        ORDER BY a.id DESC LIMIT $4`,
      [filter.actorId ?? null, filter.targetId ?? null, beforeId, limit],
    );
    return rows.map(toView);
  }

  /**
   * An erased reader's entries keep only ids: those about them, and those
   * about their comments, lose their before, after and reason (which can
   * quote them). Run after their row is gone: the trigger opens exactly the
   * entries of people who no longer exist, and only to this.
   */
  async scrubSubject(m: EntityManager, userId: string): Promise<void> {
    await m.query(
      `UPDATE moderation_audit
          SET reason = NULL,
              before = CASE WHEN before IS NULL THEN NULL ELSE jsonb_build_object('id', before->'id') END,
              after = CASE WHEN after IS NULL THEN NULL ELSE jsonb_build_object('id', after->'id') END
        WHERE (target_type = 'user' AND target_id = $1)
           OR (target_type = 'comment' AND (before->>'authorId' = $1 OR after->>'authorId' = $1))`,
      [userId],
    );
  }
}

/** An entry with the name its actor goes by now (read from users, never copied into the log). */
const WITH_ACTOR = `SELECT a.*, u.display_name AS actor_name FROM moderation_audit a LEFT JOIN users u ON u.id = a.actor_id`;

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

function toView(r: AuditRow): AuditView {
  return {
    id: r.id,
    at: r.created_at.toISOString(),
    actor: { id: r.actor_id, kind: r.actor_kind, displayName: r.actor_name },
    action: r.action,
    target: { type: r.target_type, id: r.target_id },
    reason: r.reason,
    before: r.before,
    after: r.after,
  };
}
