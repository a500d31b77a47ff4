import type { FastifyRequest } from 'fastify';
import { Strategy as FacebookStrategy, type Profile } from 'passport-facebook';
import type { FacebookSettings } from '../providers';
import type { VerifyLogin } from './twitter.strategy';

/**
 * passport-facebook (OAuth 2.0) with `state`, `appsecret_proof` and an explicit
 * Graph API version: its own default (v3.2) expired long ago.
 */
export function createFacebookStrategy(settings: FacebookSettings, callbackURL: string, verify: VerifyLogin): FacebookStrategy {
  const v = settings.graphVersion;
  return new FacebookStrategy(
    {
      clientID: settings.appId,
      clientSecret: settings.appSecret,
      callbackURL,
      authorizationURL: `${settings.authUrl}/${v}/dialog/oauth`,
      tokenURL: `${settings.graphUrl}/${v}/oauth/access_token`,
      profileURL: `${settings.graphUrl}/${v}/me`,
      graphAPIVersion: v,
      enableProof: true,
      state: true,
      // passport-facebook maps these to Graph fields: displayName → name, photos → picture, profileUrl → link.
      profileFields: ['id', 'displayName', 'photos', 'profileUrl'],
      passReqToCallback: true,
    } as unknown as ConstructorParameters<typeof FacebookStrategy>[0],
    ((req: unknown, _access: string, _refresh: string, profile: Profile, done: (e: unknown, user?: unknown) => void) => {
      verify(req as FastifyRequest, {
        provider: 'facebook',
        providerUserId: String(profile.id),
        handle: null,
        displayName: profile.displayName || [profile.name?.givenName, profile.name?.familyName].filter(Boolean).join(' '),
        avatarUrl: profile.photos?.[0]?.value ?? null,
        profileUrl: profile.profileUrl || null,
      }).then(
        (user) => done(null, user),
        (error) => done(error),
      );
    }) as never,
  );
}
