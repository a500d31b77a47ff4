import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { ApiErrors } from '../common/api-errors';
import { AppError } from '../common/errors';
import { Public } from '../common/public.decorator';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { UserView } from '../users/dto';
import type { User } from '../users/user.entity';
import { UsersRepository } from '../users/users.repository';
import { WidgetTokensRepository } from './widget-tokens.repository';

class WidgetCodeDto {
  @ApiProperty({ description: 'The one-time code the login popup posted to the widget' })
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code is not a login code' })
  code: string;
}

class WidgetTokenView {
  @ApiProperty({ description: 'Send as Authorization: Bearer …, from the same site; keep it in memory only' }) token: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: UserView }) user: UserView;
}

/** What the popup posts to the widget: a code, or why there is none. */
export const LOGIN_MESSAGE = 'newsroom-comments:login';

/**
 * Login for the widget on a news site of another site, where our cookie is a
 * third-party cookie the browser blocks: the reader logs in in a popup (a
 * first-party window of ours), whose last page posts a one-time code to the
 * widget's window, for its origin only; the widget exchanges the code for a
 * bearer token bound to that origin and keeps it in memory.
 */
@ApiTags('auth')
@Controller('auth/widget')
export class WidgetAuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: WidgetTokensRepository,
    private readonly users: UsersRepository,
  ) {}

  @Public()
  @Get('complete')
  @ApiOperation({ summary: 'The login popup’s last page: posts a one-time code (or the login error) to the widget’s window at `origin`, then closes' })
  @ApiQuery({ name: 'origin', description: 'The news site’s origin: this server’s own or one of ALLOWED_ORIGINS' })
  @ApiOkResponse({ description: 'A page that posts { type: "newsroom-comments:login", code } or { type, error } to window.opener', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiErrors('VALIDATION_FAILED')
  async complete(@Query('origin') origin: unknown, @Query('authError') authError: unknown, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const target = this.allowedOrigin(origin);
    const user = req.user as User | undefined;
    const error = typeof authError === 'string' && /^[A-Z_]{1,32}$/.test(authError) ? authError : user ? null : 'ACCESS_DENIED';
    const message = error ? { type: LOGIN_MESSAGE, error } : { type: LOGIN_MESSAGE, code: await this.tokens.issueCode(user!.id, target) };
    const nonce = randomBytes(16).toString('base64');
    // JSON in a script element: "<" escaped so nothing in it can close the element.
    const data = JSON.stringify({ message, origin: target }).replace(/</g, '\\u003c');
    await reply
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-store')
      .header('Content-Security-Policy', `default-src 'none'; script-src 'nonce-${nonce}'`)
      .header('Referrer-Policy', 'no-referrer')
      .send(
        `<!doctype html><meta charset="utf-8"><title>Login</title>` +
          `<p>${error ? 'The login did not complete. You can close this window.' : 'Logged in. This window closes by itself.'}</p>` +
          `<script nonce="${nonce}">(function(d){if(window.opener){window.opener.postMessage(d.message,d.origin);}window.close();})(${data});</script>`,
      );
  }

  @Public()
  @Post('token')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchanges the popup’s one-time code (within a minute, once, from the origin it was made for) for a bearer token' })
  @ApiOkResponse({ type: WidgetTokenView, description: 'The token and the reader' })
  @ApiErrors('VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'CSRF_FAILED')
  async token(@Body() dto: WidgetCodeDto, @Headers('origin') origin: string | undefined): Promise<WidgetTokenView> {
    // Any attempt spends the code: one tried from elsewhere first is worthless to both.
    const grant = await this.tokens.redeem(dto.code, origin ?? '');
    const user = grant && (await this.users.findById(grant.userId));
    if (!grant || !user) {
      throw AppError.validation({ en: 'The login code is not valid here, has expired, or was used.', ko: '로그인 코드가 올바르지 않거나, 만료되었거나, 이미 사용되었습니다.' });
    }
    return { token: grant.token, expiresAt: grant.expiresAt.toISOString(), user: UserView.of(user, await this.users.providersOf(user.id)) };
  }

  @Delete('token')
  @HttpCode(204)
  @ApiOperation({ summary: 'Logs the widget out: its token stops working' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiErrors('UNAUTHENTICATED', 'CSRF_FAILED')
  async revoke(@Req() req: FastifyRequest): Promise<void> {
    const token = req.headers.authorization?.slice('Bearer '.length).trim();
    if (!req.widgetOrigin || !token) throw new AppError('UNAUTHENTICATED', { message: { en: 'This is for a widget’s token.', ko: '위젯 토큰으로만 사용할 수 있습니다.' } });
    await this.tokens.revoke(token);
  }

  /** The popup posts only to this server or a news site of ALLOWED_ORIGINS: never to whoever opened it. */
  private allowedOrigin(raw: unknown): string {
    const self = new URL(this.config.publicUrl).origin;
    if (typeof raw === 'string' && (raw === self || this.config.allowedOrigins.includes(raw))) return raw;
    throw AppError.validation(
      { en: 'origin must be this server or a news site in ALLOWED_ORIGINS.', ko: 'origin은 이 서버이거나 허용된 뉴스 사이트여야 합니다.' },
      { fields: [{ field: 'origin', problems: ['not an allowed origin'] }] },
    );
  }
}
