import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ArticlesModule } from './articles/articles.module';
import { AuthModule } from './auth/auth.module';
import { AccountsModule } from './accounts/accounts.module';
import { CommentsModule } from './comments/comments.module';
import { LiveModule } from './live/live.module';
import { ModerationModule } from './moderation/moderation.module';
import { ReactionsModule } from './reactions/reactions.module';
import { ReportsModule } from './reports/reports.module';
import { StandardsBoardModule } from './standards-board/standards-board.module';
import { UsersModule } from './users/users.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { LifecycleModule } from './common/lifecycle';
import { AppConfig } from './config/config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { DemoController } from './demo/demo.controller';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), LifecycleModule, DatabaseModule.forRoot(config), MetricsModule, HealthModule, UsersModule, AuthModule, ArticlesModule, StandardsBoardModule, LiveModule, CommentsModule, ReactionsModule, ReportsModule, AccountsModule, ModerationModule, WebModule],
      controllers: [DemoController],
      providers: [{ provide: APP_FILTER, useClass: HttpExceptionFilter }],
    };
  }
}
