import { Module } from '@nestjs/common';
import { CommentsModule } from '../comments/comments.module';
import { LiveModule } from '../live/live.module';
import { UsersModule } from '../users/users.module';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [CommentsModule, LiveModule, UsersModule],
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
