import { Module } from '@nestjs/common';
import { CommentsModule } from '../comments/comments.module';
import { LiveModule } from '../live/live.module';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

@Module({
  imports: [CommentsModule, LiveModule],
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportsService],
  exports: [ReportsService],
})
export class ReportsModule {}
