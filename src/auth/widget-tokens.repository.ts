import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';

/** Widget tokens carry a prefix, so the guard tells them from the CMS's bearer token at a glance. */
export const WIDGET_TOKEN_PREFIX = 'nrc_';
const CODE_SECONDS = 60;
export const WIDGET_TOKEN_DAYS = 30;

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** Every statement on `widget_login_codes` and `widget_tokens`; only digests are stored. */
@Injectable()
export class WidgetTokensRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async issueCode(userId: string, origin: string): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    await this.dataSource.query(`INSERT INTO widget_login_codes (code_digest, user_id, origin, expires_at) VALUES ($1, $2, $3, now() + make_interval(secs => $4))`, [
      digest(code),
      userId,
      origin,
      CODE_SECONDS,
    ]);
    return code;
  }

  /** Spends a code (once, within its minute, from the origin it was made for) for a token; null when it cannot be. */
  async redeem(code: string, origin: string): Promise<{ token: string; userId: string; expiresAt: Date } | null> {
    return this.dataSource.transaction(async (m) => {
      const [spent] = (await m.query('DELETE FROM widget_login_codes WHERE code_digest = $1 RETURNING user_id, origin, expires_at', [digest(code)])) as [
        { user_id: string; origin: string; expires_at: Date }[],
        number,
      ];
      const row = spent[0];
      if (!row || row.origin !== origin || row.expires_at.getTime() < Date.now()) return null;
      const token = WIDGET_TOKEN_PREFIX + randomBytes(32).toString('base64url');
      const [issued] = (await m.query(
        `INSERT INTO widget_tokens (token_digest, user_id, origin, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4)) RETURNING expires_at`,
        [digest(token), row.user_id, origin, WIDGET_TOKEN_DAYS],
      )) as { expires_at: Date }[];
      return { token, userId: row.user_id, expiresAt: issued.expires_at };
    });
  }

  /** The person and origin a live token stands for. */
  async resolve(token: string): Promise<{ userId: string; origin: string } | null> {
    const rows: { user_id: string; origin: string }[] = await this.dataSource.query(
      'SELECT user_id, origin FROM widget_tokens WHERE token_digest = $1 AND expires_at > now()',
      [digest(token)],
    );
    return rows[0] ? { userId: rows[0].user_id, origin: rows[0].origin } : null;
  }

  async revoke(token: string): Promise<void> {
    await this.dataSource.query('DELETE FROM widget_tokens WHERE token_digest = $1', [digest(token)]);
  }

  /** Ends every widget session of a person, inside the caller's transaction (account erasure). */
  async revokeAllFor(m: EntityManager, userId: string): Promise<void> {
    await m.query('DELETE FROM widget_tokens WHERE user_id = $1', [userId]);
    await m.query('DELETE FROM widget_login_codes WHERE user_id = $1', [userId]);
  }

  /** Codes and tokens past their time are refused already; this keeps the tables small. */
  async sweep(): Promise<void> {
    await this.dataSource.query('DELETE FROM widget_login_codes WHERE expires_at <= now()');
    await this.dataSource.query('DELETE FROM widget_tokens WHERE expires_at <= now()');
  }
}
