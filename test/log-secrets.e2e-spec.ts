import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app';
import { JsonLogger } from '../src/common/json-logger';
import { REQUEST_LIMITS_OFF } from '../src/common/rate-limits';
import { loadConfig } from '../src/config/config';
import { FACEBOOK_TEST_APP, TWITTER_TEST_CONSUMER, startFakeProviders, type FakeProviders } from './fakes/fake-providers';
import { truncateAll, type TestApp } from './helpers/app';
import { login } from './helpers/login';
import { NO_FLOOD_LIMITS, providerEnv } from './helpers/provider-env';

/**
 * The log keeps secrets out (issue 12): after full logins with both providers
 * and a comment refused for a phone number, at the most talkative level, no
 * line holds a session cookie, a CSRF token, a provider secret or the number.
 */
describe('the log keeps secrets out', () => {
  let fakes: FakeProviders;
  const lines: string[] = [];
  let t: TestApp;

  beforeAll(async () => {
    fakes = await startFakeProviders();
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug',
      DATABASE_URL: process.env.TEST_RUN_DATABASE_URL!,
      ...providerEnv(fakes, { ...NO_FLOOD_LIMITS, ...REQUEST_LIMITS_OFF }),
    });
    const app = await createApp(config, new JsonLogger('debug', (line) => lines.push(line)));
    t = { app, config, dataSource: app.get(DataSource), http: () => request(app.getHttpServer()), close: () => app.close() };
    await truncateAll(t.dataSource);
  });
  afterAll(async () => {
    await t.close();
    await fakes.close();
  });

  it('holds no cookie, token, secret or unmasked phone number', async () => {
    const twitter = await login(t, 'twitter', { screenName: 'quiet_one' });
    const facebook = await login(t, 'facebook', { screenName: 'quiet_two' });
    const refused = await t.http().post('/articles/log-1/comments').set('Cookie', twitter.cookie).set('X-CSRF-Token', twitter.csrfToken).send({ body: '연락 주세요 010-1234-5678' });
    expect(refused.status).toBe(422);
    await t.http().post('/articles/log-1/comments').set('Cookie', facebook.cookie).set('X-CSRF-Token', 'wrong-token').send({ body: 'Hello.' }).expect(403);

    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(10);
    for (const secret of [
      twitter.cookie.slice('sid='.length),
      decodeURIComponent(twitter.cookie.slice('sid='.length)).split('.')[0].replace(/^s:/, ''),
      facebook.cookie.slice('sid='.length),
      twitter.csrfToken,
      facebook.csrfToken,
      TWITTER_TEST_CONSUMER.secret,
      FACEBOOK_TEST_APP.secret,
      '010-1234-5678',
      '01012345678',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
