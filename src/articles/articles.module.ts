import { Module } from '@nestjs/common';
import { ModerationRecordsModule } from '../moderation/records.module';
import { ArticlesController } from './articles.controller';
import { ArticlesRepository } from './articles.repository';
import { ArticlesService } from './articles.service';

@Module({
  imports: [ModerationRecordsModule],
  controllers: [ArticlesController],
  providers: [ArticlesRepository, ArticlesService],
  exports: [ArticlesRepository],
})
export class ArticlesModule {}
