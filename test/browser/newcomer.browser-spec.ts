import { chromium, type Browser } from 'playwright-core';
import { countCharacters } from '../../src/policy';
import { TestApp, startTestApp, truncateAll } from '../helpers/app';
import { freePort } from '../helpers/free-port';

/**
 * What a newcomer does on a fresh clone, in a real browser (Debian's
 * Chromium, never a downloaded one): open the demo page, click Twitter, pick a
 * name at the sandbox provider, come back logged in, comment, and meet the
 * Standards Board on a phone number. `npm run test:browser`; needs
 * /usr/bin/chromium (apt-get install chromium).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('a newcomer in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    t = await startTestApp({ AUTH_SANDBOX: 'true', PUBLIC_URL: base, RATE_COMMENT_INTERVAL_SECONDS: '0' });
    await t.app.listen({ port, host: '127.0.0.1' });
    await truncateAll(t.dataSource);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each(['Twitter', 'Facebook'])('logs in with %s at the sandbox, comments, and is told why a phone number is refused', async (provider) => {
    const page = await browser.newPage();
    await page.goto(`${base}/`);
    await page.click(`a.btn:has-text("${provider}")`);
    await page.waitForSelector(`text=Sandbox ${provider}`);
    await page.fill('#screen_name', `newcomer-${provider.toLowerCase()}`);
    await page.fill('#name', `Newcomer on ${provider}`);
    await page.click('button[value=allow]');
    await page.waitForSelector('text=Logged in as');
    expect(await page.textContent('#auth')).toContain(`Newcomer on ${provider}`);

    const text = `Hello from ${provider}, 반갑습니다 👍🏽`;
    await page.fill('#body', text);
    // The browser's counter and the server's rule count the same characters.
    expect(await page.textContent('#count')).toBe(`${countCharacters(text)}/250자`);
    await page.click('#send');
    await page.waitForSelector(`text=Hello from ${provider}`);

    await page.fill('#body', '연락 주세요 010-1234-5678');
    await page.click('#send');
    await page.waitForSelector('#error:not(:empty)');
    expect(await page.textContent('#error')).toBe('Personal information (a phone number) is not allowed.');

    const me = (await page.evaluate(() => fetch('/auth/me').then((r) => r.json()))) as { user: unknown };
    expect(me.user).toMatchObject({ displayName: `Newcomer on ${provider}`, providers: [provider.toLowerCase()] });
    await page.close();
  });
});
