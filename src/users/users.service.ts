import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { inTransaction } from '../database/transaction';
import { LiveEvents } from '../live/live-events';
import { AuditRepository } from '../moderation/audit.repository';
import type { PolicyEngine } from '../policy';
import { POLICY_ENGINE } from '../standards-board/policy-engine.token';
import type { ProviderId } from './user-identity.entity';
import type { User } from './user.entity';
import { UsersRepository, type IdentityFields } from './users.repository';

/** What a provider tells us about a person, already mapped from its profile format. */
export interface ProviderProfile {
  provider: ProviderId;
  providerUserId: string;
  handle: string | null;
  displayName: string;
  avatarUrl: string | null;
  profileUrl: string | null;
}

export class IdentityInUseError extends Error {
  constructor() {
    super('This provider account already belongs to another user.');
  }
}

/** Logins: one person, many provider accounts. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(POLICY_ENGINE) private readonly policy: PolicyEngine,
    private readonly users: UsersRepository,
    private readonly live: LiveEvents,
    private readonly audit: AuditRepository,
  ) {}

  findById(id: string): Promise<User | null> {
    return this.users.findById(id);
  }

  providersOf(userId: string): Promise<string[]> {
    return this.users.providersOf(userId);
  }

  findIdentityOwner(provider: ProviderId, providerUserId: string): Promise<string | null> {
    return this.users.findIdentityOwner(provider, providerUserId);
  }

  /**
   * A login: the provider account's user, created on first sight; the profile
   * refreshed on every login. With `linkTo` (someone already logged in) a new
   * provider account joins that user instead of creating another.
   */
  async loginWithProfile(profile: ProviderProfile, linkTo?: string): Promise<User> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await inTransaction(this.dataSource, (m) => this.upsertIdentity(m, profile, linkTo));
      } catch (error) {
        // Two first logins of the same account at once: the loser retries and finds the winner's row.
        if (attempt === 0 && (error as { code?: string }).code === '23505') continue;
        throw error;
      }
    }
  }

  private async upsertIdentity(m: EntityManager, profile: ProviderProfile, linkTo?: string): Promise<User> {
    const fields: IdentityFields = {
      handle: profile.handle === null ? null : clip(stripNul(profile.handle), 100),
      displayName: clip(stripNul(profile.displayName || profile.handle || 'Reader'), 100) || 'Reader',
      avatarUrl: safeUrl(profile.avatarUrl),
      profileUrl: safeUrl(profile.profileUrl),
    };
    const existing = await this.users.lockIdentity(m, profile.provider, profile.providerUserId);
    let userId: string;
    let created = false;
    if (existing) {
      if (linkTo && existing.userId !== linkTo) throw new IdentityInUseError();
      await this.users.refreshIdentity(m, existing.id, fields);
      userId = existing.userId;
    } else if (linkTo && (await this.users.exists(m, linkTo))) {
      await this.users.addIdentity(m, linkTo, profile.provider, profile.providerUserId, fields);
      userId = linkTo;
    } else {
      userId = await this.users.createUser(m, { displayName: neutralHandle(profile), avatarUrl: fields.avatarUrl, profileUrl: fields.profileUrl });
      created = true;
      await this.users.addIdentity(m, userId, profile.provider, profile.providerUserId, fields);
    }
    // The person is shown as they last logged in, unless the name would impersonate the newsroom
    // (기자, 편집국, admin…): then a neutral handle stands in until a moderator approves the name,
    // and an approved name stays approved while the provider keeps giving it.
    const before = (await this.users.findById(userId, m))!;
    const flagged = this.policy.isReservedDisplayName(fields.displayName);
    const approved = flagged && before.approvedDisplayName === fields.displayName;
    const review = !flagged ? null : approved ? 'approved' : 'pending';
    const user = await this.users.updateProfile(
      m,
      userId,
      {
        displayName: review === 'pending' ? neutralHandle(profile) : fields.displayName,
        avatarUrl: fields.avatarUrl,
        profileUrl: fields.profileUrl,
        nameReview: review,
        pendingDisplayName: review === 'pending' ? fields.displayName : null,
      },
      await this.seedsAdmin(m, profile, created, before.role),
    );
    if (user.role === 'admin' && before.role !== 'admin') {
      await this.audit.record(m, { id: null, kind: 'system' }, { action: 'user.role', targetType: 'user', targetId: userId, reason: 'ADMIN_IDENTITIES', before: { role: before.role }, after: { role: 'admin' } });
    }
    if (review === 'pending' && !(before.nameReview === 'pending' && before.pendingDisplayName === fields.displayName)) {
      await this.live.recordForModerators(m, 'name.pending', userId);
    }
    return user;
  }

  /**
   * ADMIN_IDENTITIES seeds the first admin: a listed account becomes admin on
   * its first login, or whenever no admin is left. Afterwards roles are the
   * admins' to give and withdraw, and a withdrawal is not undone at the next login.
   */
  private async seedsAdmin(m: EntityManager, profile: ProviderProfile, created: boolean, role: string): Promise<boolean> {
    if (role === 'admin') return false;
    const listed = this.config.adminIdentities.some((a) => a.provider === profile.provider && a.providerUserId === profile.providerUserId);
    return listed && (created || !(await this.users.anyAdmin(m)));
  }
}

/** 독자-1a2b: stable per provider account, says nothing about the person. */
function neutralHandle(profile: ProviderProfile): string {
  let h = 0;
  for (const ch of `${profile.provider}:${profile.providerUserId}`) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `독자-${h.toString(36).slice(0, 5)}`;
}

/** Postgres refuses U+0000 in text; a provider's profile is not ours to fail a login over. */
function stripNul(s: string): string {
  return s.replace(/\u0000/g, '');
}

function clip(s: string, max: number): string {
  const chars = Array.from(s.trim());
  return chars.length > max ? chars.slice(0, max).join('') : s.trim();
}

/** Only http(s) URLs from a provider are kept: a javascript: avatar must never reach a page. */
function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}
