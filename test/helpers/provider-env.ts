import { FACEBOOK_TEST_APP, FACEBOOK_TEST_VERSION, TWITTER_TEST_CONSUMER, type FakeProviders } from '../fakes/fake-providers';

/** Flood limits off, for specs where one reader posts freely (flooding has its own tests). */
export const NO_FLOOD_LIMITS = { RATE_COMMENT_INTERVAL_SECONDS: '0', RATE_COMMENTS_PER_ARTICLE: '0', RATE_COMMENTS_PER_DAY: '0' } as const;

/** The app's environment pointing both login providers at the fake ones on 127.0.0.1. */
export function providerEnv(fakes: FakeProviders, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PUBLIC_URL: 'http://localhost:3000',
    TWITTER_CONSUMER_KEY: TWITTER_TEST_CONSUMER.key,
    TWITTER_CONSUMER_SECRET: TWITTER_TEST_CONSUMER.secret,
    TWITTER_API_URL: fakes.twitter.url,
    FACEBOOK_APP_ID: FACEBOOK_TEST_APP.id,
    FACEBOOK_APP_SECRET: FACEBOOK_TEST_APP.secret,
    FACEBOOK_AUTH_URL: fakes.facebook.url,
    FACEBOOK_GRAPH_URL: fakes.facebook.url,
    FACEBOOK_GRAPH_VERSION: FACEBOOK_TEST_VERSION,
    ...extra,
  };
}
