import { FacebookSandbox } from '../../src/auth/sandbox/facebook-sandbox';
import { startProviderServer, type SandboxEventHook } from '../../src/auth/sandbox/provider-http';
import { TwitterSandbox } from '../../src/auth/sandbox/twitter-sandbox';

/** The credentials the fakes accept; point TWITTER_CONSUMER_* and FACEBOOK_APP_* at these. */
export const TWITTER_TEST_CONSUMER = { key: 'test-consumer-key', secret: 'test-consumer-secret' } as const;
export const FACEBOOK_TEST_APP = { id: '1234567890', secret: 'test-app-secret' } as const;
export const FACEBOOK_TEST_VERSION = 'v23.0';

export interface FakeProvidersOptions {
  /** Clock for both fakes (ms since the epoch), to age timestamps or expire codes. Default Date.now. */
  now?: () => number;
  /** Facebook refuses Graph calls without appsecret_proof. Default true. */
  requireProof?: boolean;
  /** When given, the only redirect_uris the Facebook dialog accepts (exact match). */
  facebookRedirectUris?: string[];
  /** Every step either fake checked. */
  onEvent?: SandboxEventHook;
}

export interface FakeProviders {
  twitter: { url: string; sandbox: TwitterSandbox };
  facebook: { url: string; sandbox: FacebookSandbox; version: string };
  close(): Promise<void>;
}

/**
 * A fake Twitter and a fake Facebook on 127.0.0.1, each on its own port, that
 * check what the real ones check (signatures, timestamps, nonces, verifiers,
 * secrets, codes, redirect_uri, appsecret_proof). Tests point the app at them:
 * TWITTER_API_URL = twitter.url; FACEBOOK_AUTH_URL = FACEBOOK_GRAPH_URL =
 * facebook.url; FACEBOOK_GRAPH_VERSION = facebook.version.
 */
export async function startFakeProviders(opts: FakeProvidersOptions = {}): Promise<FakeProviders> {
  const twitter = new TwitterSandbox({ consumers: [{ ...TWITTER_TEST_CONSUMER }], now: opts.now, onEvent: opts.onEvent });
  const facebook = new FacebookSandbox({
    apps: [{ ...FACEBOOK_TEST_APP, redirectUris: opts.facebookRedirectUris }],
    graphVersion: FACEBOOK_TEST_VERSION,
    requireProof: opts.requireProof ?? true,
    now: opts.now,
    onEvent: opts.onEvent,
  });
  const tw = await startProviderServer(twitter, { host: '127.0.0.1', port: 0 });
  const fb = await startProviderServer(facebook, { host: '127.0.0.1', port: 0 }).catch(async (error: unknown) => {
    await tw.close();
    throw error;
  });
  return {
    twitter: { url: tw.url, sandbox: twitter },
    facebook: { url: fb.url, sandbox: facebook, version: FACEBOOK_TEST_VERSION },
    close: async () => {
      await Promise.all([tw.close(), fb.close()]);
    },
  };
}
