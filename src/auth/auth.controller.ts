import { Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../common/public.decorator';
import { UserView } from '../users/dto';
import type { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { CurrentUser } from './decorators';

class MeView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ description: 'Send as X-CSRF-Token on every POST, PUT, PATCH and DELETE' }) csrfToken: string;
}

class ProvidersView {
  @ApiProperty({ example: [{ id: 'twitter', name: 'Twitter', loginUrl: '/auth/twitter' }] })
  providers: { id: string; name: string; loginUrl: string }[];
}

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
  @ApiOkResponse({ type: ProvidersView })
  providers(): ProvidersView {
    return { providers: this.auth.listProviders() };
  }

  @Public()
  @Get('twitter')
  @ApiOperation({ summary: '302 to Twitter (OAuth 1.0a); returnTo must be a path here or a page of an ALLOWED_ORIGINS site' })
  @ApiQuery({ name: 'returnTo', required: false })
  twitter(@Query('returnTo') returnTo: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.auth.startLogin('twitter', returnTo, req, reply);
  }

  @Public()
  @Get('twitter/callback')
  @ApiOperation({ summary: "Twitter's redirect back: 302 to returnTo, logged in, or with authError=CODE" })
  twitterCallback(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.auth.finishLogin('twitter', req, reply);
  }

  @Public()
  @Get('facebook')
  @ApiOperation({ summary: '302 to Facebook (OAuth 2.0 with state); returnTo as for Twitter' })
  @ApiQuery({ name: 'returnTo', required: false })
  facebook(@Query('returnTo') returnTo: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.auth.startLogin('facebook', returnTo, req, reply);
  }

  @Public()
  @Get('facebook/callback')
  @ApiOperation({ summary: "Facebook's redirect back: 302 to returnTo, logged in, or with authError=CODE" })
  facebookCallback(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    return this.auth.finishLogin('facebook', req, reply);
  }

  @Get('me')
  @ApiOperation({ summary: 'The logged-in reader and the CSRF token of their session; 401 otherwise' })
  @ApiOkResponse({ type: MeView })
  async me(@CurrentUser() user: User, @Req() req: FastifyRequest): Promise<MeView> {
    return { user: UserView.of(user, await this.users.providersOf(user.id)), csrfToken: this.auth.csrfToken(req) };
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Destroys the session server-side; 204' })
  async logout(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(req, reply);
  }
}
