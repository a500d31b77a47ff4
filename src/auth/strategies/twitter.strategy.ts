import type { FastifyRequest } from 'fastify';
import { Strategy as TwitterStrategy, type Profile } from 'passport-twitter';
import type { ProviderProfile } from '../../users/users.service';
import type { TwitterSettings } from '../providers';

export type VerifyLogin = (request: FastifyRequest, profile: ProviderProfile) => Promise<unknown>;

/** passport-twitter (OAuth 1.0a) with every endpoint taken from the settings, so it can talk to a provider on 127.0.0.1. */
export function createTwitterStrategy(settings: TwitterSettings, callbackURL: string, verify: VerifyLogin): TwitterStrategy {
  return new TwitterStrategy(
    {
      consumerKey: settings.consumerKey,
      consumerSecret: settings.consumerSecret,
      callbackURL,
      requestTokenURL: `${settings.apiUrl}/oauth/request_token`,
      accessTokenURL: `${settings.apiUrl}/oauth/access_token`,
      userAuthorizationURL: `${settings.apiUrl}/oauth/authenticate`,
      // No query string here: passport-twitter appends its own, and a '?' would drop it.
      userProfileURL: `${settings.apiUrl}/1.1/account/verify_credentials.json`,
      includeEmail: false,
      passReqToCallback: true,
    } as ConstructorParameters<typeof TwitterStrategy>[0],
    (req: unknown, _token: string, _secret: string, profile: Profile, done: (e: unknown, user?: unknown, info?: unknown) => void) => {
      const json = (profile as Profile & { _json?: Record<string, unknown> })._json ?? {};
      verify(req as FastifyRequest, {
        provider: 'twitter',
        providerUserId: String(profile.id),
        handle: profile.username ?? null,
        displayName: profile.displayName || profile.username || '',
        avatarUrl: (json.profile_image_url_https as string | undefined) ?? profile.photos?.[0]?.value ?? null,
        profileUrl: profile.username ? `https://twitter.com/${encodeURIComponent(profile.username)}` : null,
      }).then(
        (user) => done(null, user),
        (error) => done(error),
      );
    },
  );
}
