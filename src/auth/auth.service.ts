import { Inject, Injectable, Logger } from '@nestjs/common';
import fastifyPassport from '@fastify/passport';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { AppError } from '../common/errors';
import { APP_CONFIG, type AppConfig } from '../config/config';
import type { ProviderId } from '../users/user-identity.entity';
import type { User } from '../users/user.entity';
import { IdentityInUseError, UsersService } from '../users/users.service';
import { CSRF_SESSION_KEY } from './auth.guard';
import { PROVIDER_NAMES, resolveProviders, type ProviderSettings } from './providers';
import { validateReturnTo, withAuthError } from './return-to';
import { parseSignedRequest, type SignedRequestPayload } from './signed-request';
import { createFacebookStrategy } from './strategies/facebook.strategy';
import { createTwitterStrategy } from './strategies/twitter.strategy';

export const AUTHENTICATOR = Symbol('AUTHENTICATOR');
export type Authenticator = InstanceType<typeof fastifyPassport.Authenticator>;

/** Why a login came back without a user, as the `authError` the widget receives. */
export type AuthErrorCode = 'ACCESS_DENIED' | 'INVALID_STATE' | 'IDENTITY_IN_USE' | 'PROVIDER_ERROR';

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');
  readonly providers: ProviderSettings;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUTHENTICATOR) private readonly passport: Authenticator,
    private readonly users: UsersService,
  ) {
    this.providers = resolveProviders(config);
    const verify = (request: FastifyRequest, profile: Parameters<UsersService['loginWithProfile']>[0]) =>
      this.users.loginWithProfile(profile, (request.user as User | undefined)?.id);
    const callback = (id: ProviderId) => `${config.publicUrl}/auth/${id}/callback`;
    if (this.providers.twitter) passport.use('twitter', createTwitterStrategy(this.providers.twitter, callback('twitter'), verify));
    if (this.providers.facebook) passport.use('facebook', createFacebookStrategy(this.providers.facebook, callback('facebook'), verify));
    passport.registerUserSerializer(async (user: User) => user.id);
    passport.registerUserDeserializer(async (id: string) => (await this.users.findById(id)) ?? null);
  }

  listProviders(): { id: ProviderId; name: string; loginUrl: string }[] {
    return (['twitter', 'facebook'] as const)
      .filter((id) => this.providers[id])
      .map((id) => ({ id, name: PROVIDER_NAMES[id], loginUrl: `/auth/${id}` }));
  }

  private requireProvider(id: ProviderId): void {
    if (!this.providers[id]) {
      throw new AppError('PROVIDER_NOT_CONFIGURED', {
        message: { en: `${PROVIDER_NAMES[id]} login is not configured on this server.`, ko: `이 서버에는 ${PROVIDER_NAMES[id]} 로그인이 설정되어 있지 않습니다.` },
      });
    }
  }

  /** Remembers where to come back to, then hands the reader to the provider. */
  async startLogin(id: ProviderId, returnTo: unknown, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    this.requireProvider(id);
    request.session.set('returnTo', validateReturnTo(returnTo, this.config.publicUrl, this.config.allowedOrigins));
    await this.passport.authenticate(id, { session: false }).call(request.server, request, reply);
  }

  /** The provider's redirect back: log in (new session id, new CSRF token) or return with authError. */
  async finishLogin(id: ProviderId, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    this.requireProvider(id);
    const returnTo = (request.session.get('returnTo') as string | undefined) ?? '/';
    const handler = this.passport.authenticate(id, async (req: FastifyRequest, rep: FastifyReply, error: unknown, user: unknown, info: unknown) => {
      if (error || !user) {
        const code = this.failureCode(req, error, info);
        this.logger.log({ msg: 'login failed', requestId: req.id, provider: id, code, reason: error ? (error as Error).message : messageOf(info) });
        req.session.set('returnTo', undefined);
        await rep.redirect(withAuthError(returnTo, code, this.config.publicUrl), 302);
        return;
      }
      await req.logIn(user as User);
      req.session.set(CSRF_SESSION_KEY, randomBytes(32).toString('base64url'));
      req.session.set('returnTo', undefined);
      this.logger.log({ msg: 'logged in', requestId: req.id, provider: id, userId: (user as User).id });
      await rep.redirect(returnTo, 302);
    });
    await handler.call(request.server, request, reply);
  }

  private failureCode(request: FastifyRequest, error: unknown, info: unknown): AuthErrorCode {
    const query = request.query as Record<string, string | undefined>;
    if (query.denied !== undefined || query.error === 'access_denied') return 'ACCESS_DENIED';
    if (error instanceof IdentityInUseError) return 'IDENTITY_IN_USE';
    if (/state/i.test(messageOf(info))) return 'INVALID_STATE';
    return 'PROVIDER_ERROR';
  }

  /** The reader's CSRF token, created for sessions that predate it. */
  csrfToken(request: FastifyRequest): string {
    let token = request.session.get(CSRF_SESSION_KEY) as string | undefined;
    if (!token) {
      token = randomBytes(32).toString('base64url');
      request.session.set(CSRF_SESSION_KEY, token);
    }
    return token;
  }

  async logout(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (request.session) await request.session.destroy();
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  /**
   * Facebook's signed_request, verified with the app secret and fresh (issued
   * within SIGNED_REQUEST_MAX_AGE_SECONDS): its payload, or null.
   */
  verifyFacebookRequest(signedRequest: unknown): SignedRequestPayload | null {
    this.requireProvider('facebook');
    return parseSignedRequest(signedRequest, this.providers.facebook!.appSecret);
  }
}

export const SESSION_COOKIE = 'sid';

function messageOf(info: unknown): string {
  if (!info) return '';
  if (typeof info === 'string') return info;
  return String((info as { message?: unknown }).message ?? '');
}
