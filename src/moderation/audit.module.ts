import { Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository';

/** The audit log on its own, so that articles (the CMS's changes) and accounts (erasure) can write to it. */
@Module({ providers: [AuditRepository], exports: [AuditRepository] })
export class AuditModule {}
