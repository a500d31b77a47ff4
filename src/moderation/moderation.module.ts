import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CommentsModule } from '../comments/comments.module';
import { LiveModule } from '../live/live.module';
import { ReportsModule } from '../reports/reports.module';
import { UsersModule } from '../users/users.module';
import { ModerationRecordsModule } from './records.module';
import { ClaimsSweeper } from './claims-sweeper';
import { ModerationController } from './moderation.controller';
import { ModerationService } from './moderation.service';
import { QueueRepository } from './queue.repository';
import { SanctionsService } from './sanctions.service';

@Module({
  imports: [AuthModule, CommentsModule, ReportsModule, UsersModule, LiveModule, ModerationRecordsModule],
  controllers: [ModerationController],
  providers: [ModerationService, QueueRepository, ClaimsSweeper, SanctionsService],
  exports: [ClaimsSweeper],
})
export class ModerationModule {}
