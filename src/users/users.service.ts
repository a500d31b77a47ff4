import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { PolicyEngine } from '../policy';
import { POLICY_ENGINE } from '../standards-board/policy-engine.token';
import { UserIdentity, type ProviderId } from './user-identity.entity';
import { User } from './user.entity';

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

/** Hooks that other modules add to account deletion (comments, reactions, reports), run in its transaction. */
export type AccountDeletionStep = (manager: EntityManager, userId: string) => Promise<void>;

@Injectable()
export class UsersService {
  private readonly logger = new Logger('Users');
  private readonly deletionSteps: AccountDeletionStep[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(POLICY_ENGINE) private readonly policy: PolicyEngine,
  ) {}

  findById(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id });
  }

  async providersOf(userId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(UserIdentity).find({ where: { userId }, select: { provider: true } });
    return rows.map((r) => r.provider);
  }

  /**
   * A login: the provider account's user, created on first sight; the profile
   * refreshed on every login. With `linkTo` (someone already logged in) a new
   * provider account joins that user instead of creating another.
   */
  async loginWithProfile(profile: ProviderProfile, linkTo?: string): Promise<User> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.dataSource.transaction((m) => this.upsertIdentity(m, profile, linkTo));
      } catch (error) {
        // Two first logins of the same account at once: the loser retries and finds the winner's row.
        if (attempt === 0 && (error as { code?: string }).code === '23505') continue;
        throw error;
      }
    }
  }

  private async upsertIdentity(m: EntityManager, profile: ProviderProfile, linkTo?: string): Promise<User> {
    const identities = m.getRepository(UserIdentity);
    const users = m.getRepository(User);
    const fields = {
      handle: profile.handle,
      displayName: clip(profile.displayName || profile.handle || 'Reader', 100),
      avatarUrl: safeUrl(profile.avatarUrl),
      profileUrl: safeUrl(profile.profileUrl),
    };
    const existing = await identities.findOne({
      where: { provider: profile.provider, providerUserId: profile.providerUserId },
      lock: { mode: 'pessimistic_write' },
    });
    let userId: string;
    if (existing) {
      if (linkTo && existing.userId !== linkTo) throw new IdentityInUseError();
      await identities.update({ id: existing.id }, fields);
      userId = existing.userId;
    } else if (linkTo && (await users.existsBy({ id: linkTo }))) {
      await identities.insert({ ...fields, userId: linkTo, provider: profile.provider, providerUserId: profile.providerUserId });
      userId = linkTo;
    } else {
      const created = await users.save(users.create({ displayName: neutralHandle(profile), avatarUrl: fields.avatarUrl, profileUrl: fields.profileUrl }));
      await identities.insert({ ...fields, userId: created.id, provider: profile.provider, providerUserId: profile.providerUserId });
      userId = created.id;
    }
    // The person is shown as they last logged in, unless the name would impersonate the newsroom
    // (기자, 편집국, admin…): then a neutral handle stands in until a moderator approves the name.
    const shown = this.policy.isReservedDisplayName(fields.displayName) ? neutralHandle(profile) : fields.displayName;
    const update: Partial<User> = { displayName: shown, avatarUrl: fields.avatarUrl, profileUrl: fields.profileUrl };
    if (this.isConfiguredAdmin(profile)) update.role = 'admin';
    await users.update({ id: userId }, update);
    return users.findOneByOrFail({ id: userId });
  }

  private isConfiguredAdmin(profile: ProviderProfile): boolean {
    return this.config.adminIdentities.some((a) => a.provider === profile.provider && a.providerUserId === profile.providerUserId);
  }

  onAccountDeletion(step: AccountDeletionStep): void {
    this.deletionSteps.push(step);
  }

  /** Erases a person: every module's data (registered steps), identities, sessions and the user row, in one transaction. */
  async deleteAccount(userId: string, requestId?: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      for (const step of this.deletionSteps) await step(m, userId);
      await m.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
      await m.query('DELETE FROM users WHERE id = $1', [userId]);
    });
    this.logger.log({ msg: 'account deleted', requestId, userId });
  }

  async findIdentity(provider: ProviderId, providerUserId: string): Promise<UserIdentity | null> {
    return this.dataSource.getRepository(UserIdentity).findOneBy({ provider, providerUserId });
  }
}

/** 독자-1a2b: stable per provider account, says nothing about the person. */
function neutralHandle(profile: ProviderProfile): string {
  let h = 0;
  for (const ch of `${profile.provider}:${profile.providerUserId}`) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `독자-${h.toString(36).slice(0, 5)}`;
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
