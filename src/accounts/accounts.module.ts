import { Module } from '@nestjs/common';
import { ArticlesModule } from '../articles/articles.module';
import { AuthModule } from '../auth/auth.module';
import { CommentsModule } from '../comments/comments.module';
import { ModerationRecordsModule } from '../moderation/records.module';
import { ReactionsModule } from '../reactions/reactions.module';
import { ReportsModule } from '../reports/reports.module';
import { UsersModule } from '../users/users.module';
import { AccountsService } from './accounts.service';
import { DataDeletionController } from './data-deletion.controller';
import { DataDeletionsRepository } from './data-deletions.repository';
import { MeController } from './me.controller';

/** The reader's own account: their comments, their data export, erasure. */
@Module({
  imports: [UsersModule, AuthModule, ArticlesModule, CommentsModule, ReactionsModule, ReportsModule, ModerationRecordsModule],
  controllers: [MeController, DataDeletionController],
  providers: [AccountsService, DataDeletionsRepository],
})
export class AccountsModule {}
