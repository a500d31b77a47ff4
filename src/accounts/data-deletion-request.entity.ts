import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A deletion asked for by a provider's callback; the status page reads it.
 * Holds no personal data: the code, the provider, when, and a digest of the
 * signed request, so that a replay of the same request answers the same code
 * and erases nothing again.
 */
@Entity('data_deletion_requests')
export class DataDeletionRequest {
  @PrimaryColumn({ name: 'confirmation_code', type: 'varchar', length: 64 })
  confirmationCode: string;

  @Column({ type: 'varchar', length: 32 })
  provider: string;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Index('UQ_data_deletion_requests_request_digest', { unique: true })
  @Column({ name: 'request_digest', type: 'varchar', length: 64, nullable: true })
  requestDigest: string | null;
}
