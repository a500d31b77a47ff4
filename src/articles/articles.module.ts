import { Module } from '@nestjs/common';
import { AuditModule } from '../moderation/audit.module';
import { ArticlesController } from './articles.controller';
import { ArticlesRepository } from './articles.repository';
import { ArticlesService } from './articles.service';

@Module({
  imports: [AuditModule],
  controllers: [ArticlesController],
  providers: [ArticlesRepository, ArticlesService],
  exports: [ArticlesRepository],
})
export class ArticlesModule {}
