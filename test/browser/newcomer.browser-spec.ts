/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser, with its DOM.
import type { Browser } from 'playwright-core';
import { countCharacters } from '../../src/policy';
import { TestApp, startTestApp, truncateAll } from '../helpers/app';
import { freePort } from '../helpers/free-port';
import { launchBrowser, STEP_TIMEOUT_MS } from './helpers/chromium';
import { commentWith, loginWithPopup, openWatched, screenshotPath, widget } from './helpers/widget-page';

jest.setTimeout(60_000);

/**
 * What a newcomer does on a fresh clone, in a real browser (Debian's
 * Chromium, never a downloaded one): open the demo article at /, which embeds
 * the widget with the newsroom's two tags under a strict CSP, log in with
 * Twitter or Facebook at the sandbox in the popup, comment, and meet the
 * Standards Board on a phone number. `npm run test:browser`; needs
 * /usr/bin/chromium (apt-get install chromium).
 */
describe('a newcomer in a real browser, on the demo article', () => {
  let t: TestApp;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    t = await startTestApp({ AUTH_SANDBOX: 'true', PUBLIC_URL: base, RATE_COMMENT_INTERVAL_SECONDS: '0' });
    await t.app.listen({ port, host: '127.0.0.1' });
    await truncateAll(t.dataSource);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('is a plain article that embeds the widget exactly as a newsroom would, under a CSP without unsafe-inline or unsafe-eval', async () => {
    const res = await fetch(`${base}/`);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self';/);
    expect(csp).toMatch(/style-src 'self';/);
    expect(csp).not.toMatch(/unsafe-/);
    const html = await res.text();
    expect(html).toContain('<div data-newsroom-comments data-article-id="demo-2000-11-25-it-accord" data-lang="en"></div>\n<script src="/widget.js" async></script>');
    expect(html).not.toMatch(/<script>|<style>|\sstyle=|\son[a-z]+=/);
    expect(await (await fetch(`${base}/?lang=ko`)).text()).toContain('data-lang="ko"');
  });

  it.each(['Twitter', 'Facebook'] as const)('logs in with %s at the sandbox, comments, and is told why a phone number is refused', async (provider) => {
    const context = await browser.newContext();
    context.setDefaultTimeout(STEP_TIMEOUT_MS);
    try {
      const w = await openWatched(context, `${base}/`);
      const page = w.page;
      await widget(page).getByText('Log in to Twitter or Facebook account to connect').waitFor();
      await loginWithPopup(page, provider, `newcomer-${provider.toLowerCase()}`, `Newcomer on ${provider}`);
      await widget(page).getByRole('button', { name: 'Log out' }).waitFor();
      await expect(widget(page).locator('.me').innerText()).resolves.toContain(`Newcomer on ${provider}`);

      const text = `Hello from ${provider}, 반갑습니다 👍🏽`;
      const box = widget(page).getByLabel('Write a comment');
      await box.fill(text);
      // The browser's counter and the server's rule count the same characters.
      await expect(widget(page).locator('.account .count [aria-hidden=true]').innerText()).resolves.toBe(`(${countCharacters(text)}/250자)`);
      await box.press('Control+Enter');
      await commentWith(page, `Hello from ${provider}`).waitFor();

      await box.fill('연락 주세요 010-1234-5678');
      await widget(page).getByRole('button', { name: 'Post', exact: true }).click();
      const alert = widget(page).locator('.account .composer').getByRole('alert');
      await alert.getByText('Personal information (a phone number) is not allowed.').waitFor();
      expect(await w.violations()).toEqual([]);
      if (provider === 'Twitter') await page.screenshot({ path: screenshotPath('demo-page.png'), fullPage: true });
    } finally {
      await context.close();
    }
  });
});
