import { Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository';
import { ClaimsRepository } from './claims.repository';
import { SanctionsRepository } from './sanctions.repository';

/**
 * The moderation tables' owners on their own, with nothing but the database
 * behind them, so that articles (the CMS's changes go in the audit log),
 * users (a seeded admin) and accounts (export and erasure) can reach them
 * without depending on the whole moderation module.
 */
@Module({ providers: [AuditRepository, ClaimsRepository, SanctionsRepository], exports: [AuditRepository, ClaimsRepository, SanctionsRepository] })
export class ModerationRecordsModule {}
