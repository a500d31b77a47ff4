import type { AppConfig } from '../config/config';
import type { ProviderId } from '../users/user-identity.entity';

/** Where each login provider lives and with which credentials: the real one, or the sandbox on this server. */
export interface TwitterSettings {
  id: 'twitter';
  consumerKey: string;
  consumerSecret: string;
  apiUrl: string;
  sandbox: boolean;
}

export interface FacebookSettings {
  id: 'facebook';
  appId: string;
  appSecret: string;
  authUrl: string;
  graphUrl: string;
  graphVersion: string;
  sandbox: boolean;
}

export interface ProviderSettings {
  twitter: TwitterSettings | null;
  facebook: FacebookSettings | null;
}

export const PROVIDER_NAMES: Record<ProviderId, string> = { twitter: 'Twitter', facebook: 'Facebook' };

/** Mount points of the built-in sandbox providers. */
export const SANDBOX_PATHS = { twitter: '/sandbox/twitter', facebook: '/sandbox/facebook' } as const;

/**
 * Sandbox credentials are not secrets: the sandbox runs only outside
 * production, on this server, and knows these same values.
 */
export const SANDBOX_CREDENTIALS = {
  twitter: { key: 'sandbox-twitter-consumer-key', secret: 'sandbox-twitter-consumer-secret' },
  facebook: { id: 'sandbox-facebook-app', secret: 'sandbox-facebook-app-secret' },
} as const;

export function resolveProviders(config: AppConfig): ProviderSettings {
  const base = config.publicUrl;
  const twitter: TwitterSettings | null = config.twitter
    ? { id: 'twitter', ...config.twitter, sandbox: false }
    : config.authSandbox
      ? {
          id: 'twitter',
          consumerKey: SANDBOX_CREDENTIALS.twitter.key,
          consumerSecret: SANDBOX_CREDENTIALS.twitter.secret,
          apiUrl: base + SANDBOX_PATHS.twitter,
          sandbox: true,
        }
      : null;
  const facebook: FacebookSettings | null = config.facebook
    ? { id: 'facebook', ...config.facebook, sandbox: false }
    : config.authSandbox
      ? {
          id: 'facebook',
          appId: SANDBOX_CREDENTIALS.facebook.id,
          appSecret: SANDBOX_CREDENTIALS.facebook.secret,
          authUrl: base + SANDBOX_PATHS.facebook,
          graphUrl: base + SANDBOX_PATHS.facebook,
          graphVersion: 'v23.0',
          sandbox: true,
        }
      : null;
  return { twitter, facebook };
}
