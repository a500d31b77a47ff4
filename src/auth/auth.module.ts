import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import fastifyPassport from '@fastify/passport';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AUTHENTICATOR, AuthService } from './auth.service';

@Module({
  imports: [UsersModule],
  controllers: [AuthController],
  providers: [
    // One authenticator per application, not passport's process-wide singleton: tests run several apps in one process.
    { provide: AUTHENTICATOR, useFactory: () => new fastifyPassport.Authenticator() },
    AuthService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, AUTHENTICATOR],
})
export class AuthModule {}
