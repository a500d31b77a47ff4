import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { ProviderId } from './user-identity.entity';
import type { Role, User } from './user.entity';

/** The profile fields a provider gives us, as we keep them. */
export interface IdentityFields {
  handle: string | null;
  displayName: string;
  avatarUrl: string | null;
  profileUrl: string | null;
}

interface UserRow {
  id: string;
  display_name: string;
  avatar_url: string | null;
  profile_url: string | null;
  role: Role;
  suspended_until: Date | null;
  suspension_reason: string | null;
  name_review: 'pending' | 'approved' | null;
  pending_display_name: string | null;
  approved_display_name: string | null;
  created_at: Date;
  updated_at: Date;
}

/** What a login shows of the person: the name (or the neutral handle) and whether a moderator must look at it. */
export interface ShownProfile {
  displayName: string;
  avatarUrl: string | null;
  profileUrl: string | null;
  /** 'pending' with the flagged name while a moderator has not approved it. */
  nameReview: 'pending' | 'approved' | null;
  pendingDisplayName: string | null;
}

function toUser(r: UserRow): User {
  return {
    id: r.id,
    displayName: r.display_name,
    avatarUrl: r.avatar_url,
    profileUrl: r.profile_url,
    role: r.role,
    suspendedUntil: r.suspended_until,
    suspensionReason: r.suspension_reason,
    nameReview: r.name_review,
    pendingDisplayName: r.pending_display_name,
    approvedDisplayName: r.approved_display_name,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** Every statement on `users` and `user_identities`: one person, many provider accounts. */
@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findById(id: string, m: EntityManager = this.dataSource.manager): Promise<User | null> {
    const rows: UserRow[] = await m.query('SELECT * FROM users WHERE id = $1', [id]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async providersOf(userId: string): Promise<string[]> {
    const rows: { provider: string }[] = await this.dataSource.query('SELECT provider FROM user_identities WHERE user_id = $1', [userId]);
    return rows.map((r) => r.provider);
  }

  /** The user a provider account belongs to, locked for the login that refreshes it. */
  async lockIdentity(m: EntityManager, provider: ProviderId, providerUserId: string): Promise<{ id: string; userId: string } | null> {
    const rows: { id: string; user_id: string }[] = await m.query(
      'SELECT id, user_id FROM user_identities WHERE provider = $1 AND provider_user_id = $2 FOR UPDATE',
      [provider, providerUserId],
    );
    return rows[0] ? { id: rows[0].id, userId: rows[0].user_id } : null;
  }

  async findIdentityOwner(provider: ProviderId, providerUserId: string): Promise<string | null> {
    const rows: { user_id: string }[] = await this.dataSource.query('SELECT user_id FROM user_identities WHERE provider = $1 AND provider_user_id = $2', [provider, providerUserId]);
    return rows[0]?.user_id ?? null;
  }

  async exists(m: EntityManager, userId: string): Promise<boolean> {
    const rows = await m.query('SELECT 1 FROM users WHERE id = $1', [userId]);
    return rows.length > 0;
  }

  async createUser(m: EntityManager, fields: Pick<User, 'displayName' | 'avatarUrl' | 'profileUrl'>): Promise<string> {
    const [row] = (await m.query('INSERT INTO users (display_name, avatar_url, profile_url) VALUES ($1, $2, $3) RETURNING id', [
      fields.displayName,
      fields.avatarUrl,
      fields.profileUrl,
    ])) as { id: string }[];
    return row.id;
  }

  async addIdentity(m: EntityManager, userId: string, provider: ProviderId, providerUserId: string, fields: IdentityFields): Promise<void> {
    await m.query(
      `INSERT INTO user_identities (user_id, provider, provider_user_id, handle, display_name, avatar_url, profile_url)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [userId, provider, providerUserId, fields.handle, fields.displayName, fields.avatarUrl, fields.profileUrl],
    );
  }

  async refreshIdentity(m: EntityManager, identityId: string, fields: IdentityFields): Promise<void> {
    await m.query(
      'UPDATE user_identities SET handle = $2, display_name = $3, avatar_url = $4, profile_url = $5, updated_at = now() WHERE id = $1',
      [identityId, fields.handle, fields.displayName, fields.avatarUrl, fields.profileUrl],
    );
  }

  /** What the person is shown as, and the admin role when ADMIN_IDENTITIES names them. */
  async updateProfile(m: EntityManager, userId: string, profile: ShownProfile, makeAdmin: boolean): Promise<User> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [[row]] = (await m.query(
      `UPDATE users SET display_name = $2, avatar_url = $3, profile_url = $4, role = CASE WHEN $5 THEN 'admin' ELSE role END,
              name_review = $6, pending_display_name = $7, updated_at = now()
        WHERE id = $1 RETURNING *`,
      [userId, profile.displayName, profile.avatarUrl, profile.profileUrl, makeAdmin, profile.nameReview, profile.pendingDisplayName],
    )) as [UserRow[], number];
    return toUser(row);
  }

  /**
   * Serialises everything one person does that writes in their name (posting,
   * editing, reacting, reporting, erasing their account), then reads their row
   * as it is now: null once the account is erased. Every such transaction
   * takes this first, so an erasure and the person's own requests never
   * overlap: one waits for the other.
   */
  async lockActing(m: EntityManager, userId: string): Promise<User | null> {
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('user:' || $1, 0))`, [userId]);
    return this.findById(userId, m);
  }

  /**
   * The person's row, locked for a moderator's change to their role, name or
   * sanction. FOR NO KEY UPDATE, not FOR UPDATE: the id never changes, and a
   * post of theirs in flight holds FOR KEY SHARE on the row (its foreign key)
   * while it waits for the article's lock that a reject may hold.
   */
  async lock(m: EntityManager, userId: string): Promise<User | null> {
    const rows: UserRow[] = await m.query('SELECT * FROM users WHERE id = $1 FOR NO KEY UPDATE', [userId]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async anyAdmin(m: EntityManager): Promise<boolean> {
    const rows = await m.query(`SELECT 1 FROM users WHERE role = 'admin' LIMIT 1`);
    return rows.length > 0;
  }

  /** Every admin, locked: the role change that would remove the last one sees them all. */
  async lockAdmins(m: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await m.query(`SELECT id FROM users WHERE role = 'admin' ORDER BY id FOR UPDATE`);
    return rows.map((r) => r.id);
  }

  async setRole(m: EntityManager, userId: string, role: Role): Promise<void> {
    await m.query('UPDATE users SET role = $2, updated_at = now() WHERE id = $1', [userId, role]);
  }

  /** The sanction in force, as every check reads it (null, null: none); the sanctions table keeps the history. */
  async setSuspension(m: EntityManager, userId: string, until: Date | null, reason: string | null): Promise<void> {
    await m.query('UPDATE users SET suspended_until = $2, suspension_reason = $3, updated_at = now() WHERE id = $1', [userId, until, reason]);
  }

  /** A moderator approved the flagged name: it is shown, and kept on later logins while the provider gives the same. */
  async approveName(m: EntityManager, userId: string): Promise<void> {
    await m.query(
      `UPDATE users SET display_name = pending_display_name, approved_display_name = pending_display_name,
              pending_display_name = NULL, name_review = 'approved', updated_at = now()
        WHERE id = $1 AND name_review = 'pending'`,
      [userId],
    );
  }

  /** The person's row and, by cascade, their identities. */
  async erase(m: EntityManager, userId: string): Promise<void> {
    await m.query('DELETE FROM users WHERE id = $1', [userId]);
  }

  async exportOf(userId: string): Promise<{ user: Record<string, unknown> | null; identities: Record<string, unknown>[] }> {
    const [users, identities] = await Promise.all([
      this.dataSource.query(
        `SELECT id, display_name AS "displayName", avatar_url AS "avatarUrl", profile_url AS "profileUrl", role, suspended_until AS "suspendedUntil",
                suspension_reason AS "suspensionReason", name_review AS "nameReview", pending_display_name AS "pendingDisplayName",
                approved_display_name AS "approvedDisplayName", created_at AS "createdAt"
           FROM users WHERE id = $1`,
        [userId],
      ),
      this.dataSource.query(
        'SELECT provider, provider_user_id AS "providerUserId", handle, display_name AS "displayName", avatar_url AS "avatarUrl", profile_url AS "profileUrl", created_at AS "createdAt", updated_at AS "lastLoginAt" FROM user_identities WHERE user_id = $1 ORDER BY created_at',
        [userId],
      ),
    ]);
    return { user: users[0] ?? null, identities };
  }
}
