import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-errors';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/public.decorator';
import { UserView } from '../users/dto';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { CurrentUser } from './decorators';

class MeView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ nullable: true, type: String, description: 'Send as X-CSRF-Token on every POST, PUT, PATCH and DELETE made with the cookie; null for a widget token, which needs none' })
  csrfToken: string | null;
}

class ProviderView {
  @ApiProperty({ enum: ['twitter', 'facebook'] }) id: string;
  @ApiProperty({ example: 'Twitter' }) name: string;
  @ApiProperty({ example: '/auth/twitter' }) loginUrl: string;
}

class ProvidersView {
  @ApiProperty({ type: [ProviderView], description: 'Only the providers configured on this server' })
  providers: ProviderView[];
}

/** The provider's consent page, or back to returnTo. */
const ApiRedirect = (description: string) => ApiResponse({ status: 302, description, headers: { Location: { description: 'Where the browser goes next', schema: { type: 'string' } } } });

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @Get('providers')
  @ApiOperation({ summary: 'The login providers configured on this server' })
  @ApiOkResponse({ type: ProvidersView, description: 'The configured login providers' })
  @ApiErrors()
  providers(): ProvidersView {
    return { providers: this.auth.listProviders() };
  }

  @Public()
  @Get('twitter')
  @ApiOperation({ summary: '302 to Twitter (OAuth 1.0a); returnTo must be a path here or a page of an ALLOWED_ORIGINS site' })
  @ApiQuery({ name: 'returnTo', required: false })
  @ApiRedirect('To Twitter’s consent page')
  @ApiErrors('VALIDATION_FAILED', 'PROVIDER_NOT_CONFIGURED')
  twitter(@Query('returnTo') returnTo: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.auth.startLogin('twitter', returnTo, req, reply);
  }

  @Public()
  @Get('twitter/callback')
  @ApiOperation({ summary: "Twitter's redirect back: 302 to returnTo, logged in, or with authError=CODE" })
  @ApiRedirect('Back to returnTo, logged in (a new session cookie), or with authError=ACCESS_DENIED|INVALID_STATE|IDENTITY_IN_USE|PROVIDER_ERROR')
  @ApiErrors('PROVIDER_NOT_CONFIGURED')
  twitterCallback(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.auth.finishLogin('twitter', req, reply);
  }

  @Public()
  @Get('facebook')
  @ApiOperation({ summary: '302 to Facebook (OAuth 2.0 with state); returnTo as for Twitter' })
  @ApiQuery({ name: 'returnTo', required: false })
  @ApiRedirect('To Facebook’s login dialog')
  @ApiErrors('VALIDATION_FAILED', 'PROVIDER_NOT_CONFIGURED')
  facebook(@Query('returnTo') returnTo: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.auth.startLogin('facebook', returnTo, req, reply);
  }

  @Public()
  @Get('facebook/callback')
  @ApiOperation({ summary: "Facebook's redirect back: 302 to returnTo, logged in, or with authError=CODE" })
  @ApiRedirect('Back to returnTo, logged in (a new session cookie), or with authError=ACCESS_DENIED|INVALID_STATE|IDENTITY_IN_USE|PROVIDER_ERROR')
  @ApiErrors('PROVIDER_NOT_CONFIGURED')
  facebookCallback(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.auth.finishLogin('facebook', req, reply);
  }

  @Get('me')
  @ApiOperation({ summary: 'The logged-in reader and the CSRF token of their session; 401 otherwise' })
  @ApiOkResponse({ type: MeView, description: 'The reader and the CSRF token of their session' })
  @ApiErrors('UNAUTHENTICATED')
  async me(@CurrentUser() user: User, @Req() req: FastifyRequest): Promise<MeView> {
    // A widget token has no session to hold a CSRF token (and asking would set a cookie the browser blocks).
    return { user: UserView.of(user, await this.users.providersOf(user.id)), csrfToken: req.widgetOrigin ? null : this.auth.csrfToken(req) };
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Destroys the session server-side; 204' })
  @ApiNoContentResponse({ description: 'Logged out; the cookie is cleared' })
  @ApiErrors('CSRF_FAILED')
  async logout(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(req, reply);
  }
}
