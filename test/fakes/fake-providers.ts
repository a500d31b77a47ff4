import { FacebookSandbox } from '../../src/auth/sandbox/facebook-sandbox';
import { startProviderServer } from '../../src/auth/sandbox/provider-http';
import { TwitterSandbox } from '../../src/auth/sandbox/twitter-sandbox';

export const TWITTER_TEST_CONSUMER = { key: 'test-consumer-key', secret: 'test-consumer-secret' };
export const FACEBOOK_TEST_APP = { id: '1234567890', secret: 'test-app-secret' };
export const FACEBOOK_TEST_VERSION = 'v23.0';

export interface FakeProviders {
  twitter: { url: string; sandbox: TwitterSandbox };
  facebook: { url: string; sandbox: FacebookSandbox; version: string };
  close(): Promise<void>;
}

/**
 * A fake Twitter and a fake Facebook on 127.0.0.1, each on its own port, that
 * check what the real ones check (signatures, nonces, secrets, codes, proofs).
 * Tests point the app's TWITTER_API_URL and FACEBOOK_*_URL at them.
 */
export async function startFakeProviders(): Promise<FakeProviders> {
  const twitter = new TwitterSandbox({ consumers: [TWITTER_TEST_CONSUMER] });
  const facebook = new FacebookSandbox({ apps: [FACEBOOK_TEST_APP], graphVersion: FACEBOOK_TEST_VERSION, requireProof: true });
  const tw = await startProviderServer(twitter);
  const fb = await startProviderServer(facebook);
  return {
    twitter: { url: tw.url, sandbox: twitter },
    facebook: { url: fb.url, sandbox: facebook, version: FACEBOOK_TEST_VERSION },
    close: async () => {
      await tw.close();
      await fb.close();
    },
  };
}
