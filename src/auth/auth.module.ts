import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import fastifyPassport from '@fastify/passport';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AUTHENTICATOR, AuthService } from './auth.service';
import { PostgresSessionStore } from './session-store';
import { WidgetAuthController } from './widget-auth.controller';
import { WidgetTokensRepository } from './widget-tokens.repository';

@Module({
  imports: [UsersModule],
  controllers: [AuthController, WidgetAuthController],
  providers: [
    // One authenticator per application, not passport's process-wide singleton: tests run several apps in one process.
    { provide: AUTHENTICATOR, useFactory: () => new fastifyPassport.Authenticator() },
    AuthService,
    PostgresSessionStore,
    WidgetTokensRepository,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, AUTHENTICATOR, PostgresSessionStore, WidgetTokensRepository],
})
export class AuthModule {}
