import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A deletion asked for by a provider's callback; the status page reads it. Holds no personal data. */
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
}
