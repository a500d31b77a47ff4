import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A server-side session, shared by every instance; the cookie holds only its signed id. */
@Entity('sessions')
export class SessionRow {
  @PrimaryColumn({ type: 'varchar', length: 128 })
  sid: string;

  /** Set once logged in, so that logging out everywhere or deleting an account can end every session. */
  @Index('IDX_sessions_user_id')
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Index('IDX_sessions_expires_at')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
