import { Module } from '@nestjs/common';
import { CommentsModule } from '../comments/comments.module';
import { LiveModule } from '../live/live.module';
import { ReportsModule } from '../reports/reports.module';
import { UsersModule } from '../users/users.module';
import { AuditModule } from './audit.module';
import { ClaimsRepository } from './claims.repository';
import { ClaimsSweeper } from './claims-sweeper';
import { ModerationController } from './moderation.controller';
import { ModerationService } from './moderation.service';
import { QueueRepository } from './queue.repository';
import { SanctionsRepository } from './sanctions.repository';
import { SanctionsService } from './sanctions.service';

@Module({
  imports: [CommentsModule, ReportsModule, UsersModule, LiveModule, AuditModule],
  controllers: [ModerationController],
  providers: [ModerationService, QueueRepository, ClaimsRepository, ClaimsSweeper, SanctionsRepository, SanctionsService],
  exports: [ClaimsSweeper],
})
export class ModerationModule {}
