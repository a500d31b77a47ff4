import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/** A one-time code the login popup hands to the widget (60 seconds, once). */
@Entity('widget_login_codes')
export class WidgetLoginCode {
  @PrimaryColumn({ name: 'code_digest', type: 'varchar', length: 64, primaryKeyConstraintName: 'PK_widget_login_codes' })
  codeDigest: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_widget_login_codes_user' })
  user?: User;

  @Column({ type: 'varchar', length: 255 })
  origin: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}

/** A bearer token the widget keeps in memory, bound to the news site's origin. */
@Entity('widget_tokens')
export class WidgetToken {
  @PrimaryColumn({ name: 'token_digest', type: 'varchar', length: 64, primaryKeyConstraintName: 'PK_widget_tokens' })
  tokenDigest: string;

  @Index('IDX_widget_tokens_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_widget_tokens_user' })
  user?: User;

  @Column({ type: 'varchar', length: 255 })
  origin: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
