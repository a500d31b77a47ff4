/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser, with its DOM.
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { countCharacters } from '../../src/policy';
import { TestApp, startTestApp, truncateAll } from '../helpers/app';
import { freePort } from '../helpers/free-port';
import { launchBrowser, launchProfile, STEP_TIMEOUT_MS } from './helpers/chromium';
import { startCookieProbe, startNewsSite, type NewsSite } from './helpers/news-site';
import { agreeAs, postAs, seedReaders } from './helpers/seed';
import { axeViolations, commentWith, eventually, loginWithPopup, openWatched, screenshotPath, widget, type Watched } from './helpers/widget-page';

/**
 * The widget as a newsroom runs it: embedded in an article page of another
 * site (the service on http://localhost:P1, the news site on
 * http://127.0.0.1:P2: different sites, so the service's cookies there are
 * third-party ones), in a browser profile that blocks third-party cookies, the
 * news site listed in ALLOWED_ORIGINS and serving a strict CSP. Debian's
 * Chromium through playwright-core; `npm run test:browser`.
 *
 * The steps run in order on one reader's page, as one reader's visit would.
 */
jest.setTimeout(60_000);

const ARTICLE = 'news-2026-accord';
const BUSY = 'news-2026-busy';

/** 250 characters as a reader sees them, with Hangul, skin-toned, flag and family emoji. */
function text250(): string {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const unit = [...segmenter.segment('한글과 이모지 👍🏽 🇰🇷 👨‍👩‍👧 세기 ')].map((s) => s.segment);
  const clusters: string[] = [];
  while (clusters.length < 249) clusters.push(...unit);
  return clusters.slice(0, 249).join('') + '끝';
}

describe('the widget on a news site of another site, third-party cookies blocked', () => {
  let t: TestApp;
  let base: string;
  let news: NewsSite;
  let reader: BrowserContext;
  let browser: Browser;
  let w: Watched;
  let page: Page;
  const sent: Request[] = [];

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    news = await startNewsSite(base);
    t = await startTestApp({
      AUTH_SANDBOX: 'true',
      PUBLIC_URL: base,
      ALLOWED_ORIGINS: news.origin,
      RATE_COMMENT_INTERVAL_SECONDS: '0',
      RATE_COMMENTS_PER_ARTICLE: '0',
      RATE_COMMENTS_PER_DAY: '0',
    });
    await t.app.listen({ port, host: '127.0.0.1' });
    await truncateAll(t.dataSource);
    reader = await launchProfile({ thirdPartyCookies: 'blocked' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await reader?.close();
    await browser?.close();
    await news?.close();
    await t?.close();
  });

  it('the reader’s browser sends no third-party cookie (the same probe sees one where they are allowed)', async () => {
    const probe = await startCookieProbe(news.origin);
    const allowed = await launchProfile({ thirdPartyCookies: 'allowed' });
    try {
      const seen: Record<string, string | null> = {};
      for (const [name, context] of [['allowed', allowed], ['blocked', reader]] as const) {
        const p = await context.newPage();
        await p.goto(probe.setUrl);
        await p.goto(`${news.origin}/plain.html`);
        seen[name] = await p.evaluate((url) => fetch(url, { credentials: 'include' }).then((r) => r.json() as Promise<{ cookie: string | null }>).then((b) => b.cookie), probe.readUrl);
        await p.close();
      }
      expect(seen).toEqual({ allowed: 'third_party_probe=1', blocked: null });
    } finally {
      await allowed.close();
      await probe.close();
    }
  });

  it('shows the seed page’s texts, keeps its styles and the page’s apart, and breaks no CSP rule', async () => {
    w = await openWatched(reader, news.articleUrl(ARTICLE));
    page = w.page;
    page.on('request', (r) => r.url().startsWith(base) && r.method() !== 'GET' && sent.push(r));
    const box = widget(page);
    await box.getByText('Log in to Twitter or Facebook account to connect').waitFor();
    await expect(box.getByRole('button', { name: 'Log in with Facebook' }).isVisible()).resolves.toBe(true);
    await expect(box.getByText('To write comments, please log in to one of the accounts.').isVisible()).resolves.toBe(true);
    await expect(box.locator('.policy-line').innerText()).resolves.toBe('Standards Board Policy (0/250자)');
    const help = box.getByRole('button', { name: 'Social comment?' });
    await expect(help.getAttribute('aria-expanded')).resolves.toBe('false');
    await help.click();
    await expect(help.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(box.getByText('You comment with your Twitter or Facebook account').isVisible()).resolves.toBe(true);

    // The page's rules stop at the shadow root; the widget's never reach the page.
    const style = (selector: string, property: string) =>
      box.locator(selector).first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
    await expect(style('.provider.twitter', 'background-color')).resolves.toBe('rgb(15, 106, 180)');
    await expect(style('.connect-title', 'letter-spacing')).resolves.toBe('normal');
    await expect(style('.connect-title', 'color')).resolves.not.toBe('rgb(0, 100, 0)');
    const pageButton = await page.locator('#page-button').evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, radius: getComputedStyle(el).borderRadius }));
    expect(pageButton).toEqual({ bg: 'rgb(255, 0, 0)', radius: expect.not.stringMatching(/^6px$/) });

    expect(await w.violations()).toEqual([]);
  });

  it('says a cancelled login in a sentence', async () => {
    await loginWithPopup(page, 'Twitter', 'reader-a', 'Reader A', 'deny');
    await widget(page).getByRole('alert').getByText('The login was cancelled.').waitFor();
    expect(await widget(page).innerText()).not.toContain('ACCESS_DENIED');
  });

  it('logs in through the popup and posts with a bearer token (no cookie), Ctrl+Enter from the keyboard', async () => {
    await loginWithPopup(page, 'Twitter', 'reader-a', 'Reader A');
    const box = widget(page);
    await box.getByRole('button', { name: 'Log out' }).waitFor();
    await expect(box.locator('.me').innerText()).resolves.toContain('Reader A');

    await box.getByLabel('Write a comment').fill('First thoughts on the accord, 반갑습니다.');
    await box.getByLabel('Write a comment').press('Control+Enter');
    const mine = commentWith(page, 'First thoughts on the accord');
    await mine.waitFor();
    await expect(mine.innerText()).resolves.toMatch(/Reader A\s+You\s+just now/);
    await expect(box.getByLabel('Write a comment').inputValue()).resolves.toBe('');

    const post = sent.find((r) => r.method() === 'POST' && r.url() === `${base}/articles/${ARTICLE}/comments`)!;
    const headers = await post.allHeaders();
    expect(headers.authorization).toMatch(/^Bearer nrc_/);
    expect(headers.origin).toBe(news.origin);
    expect(headers.cookie).toBeUndefined();
  });

  it('shows the reader’s own comment in place even when its live frame arrives before the answer to the post', async () => {
    // Hold the answer back: the event stream delivers the new comment first.
    await page.route(`${base}/articles/${ARTICLE}/comments`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const answer = await route.fetch();
      await new Promise((r) => setTimeout(r, 1500));
      await route.fulfill({ response: answer });
    });
    try {
      const box = widget(page);
      await box.getByLabel('Write a comment').fill('Posted while the answer is slow.');
      await box.getByRole('button', { name: 'Post', exact: true }).click();
      await commentWith(page, 'Posted while the answer is slow.').waitFor();
      await expect(box.locator('.list > .thread').first().innerText()).resolves.toContain('Posted while the answer is slow.');
      await expect(box.locator('button.fresh').count()).resolves.toBe(0);
      await expect(box.locator('h2.title').innerText()).resolves.toBe('Comments (2)');
    } finally {
      await page.unroute(`${base}/articles/${ARTICLE}/comments`);
    }
  });

  it('counts Hangul and emoji as the server does: 250 pass, 251 turn red and cannot be posted', async () => {
    const box = widget(page);
    const area = box.getByLabel('Write a comment');
    const post = box.getByRole('button', { name: 'Post', exact: true });
    const ok = text250();
    expect(countCharacters(ok)).toBe(250);
    expect(countCharacters(`${ok}!`)).toBe(251);

    await area.fill(`${ok}!`);
    const shown = box.locator('.account .composer .count [aria-hidden=true]');
    await expect(shown.innerText()).resolves.toBe('(251/250자)');
    await expect(box.locator('.composer .count.over').count()).resolves.toBe(1);
    await expect(post.isDisabled()).resolves.toBe(true);
    await expect(area.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(box.locator('[aria-live=polite]', { hasText: '1 character over the 250-character limit' }).count()).resolves.toBe(1);
    // The keyboard shortcut is refused too.
    await area.press('Control+Enter');

    await area.fill(ok);
    await expect(shown.innerText()).resolves.toBe('(250/250자)');
    await expect(post.isEnabled()).resolves.toBe(true);
    await post.click();
    await commentWith(page, '끝').waitFor();
    const stored: { body: string }[] = await t.dataSource.query('SELECT body FROM comments WHERE article_id = $1', [ARTICLE]);
    expect(countCharacters(ok)).toBe(250);
    expect(stored.find((c) => c.body.endsWith('끝'))!.body).toBe(ok);
  });

  it('gives the policy’s refusal for a phone number, every fired rule’s message, strictest first', async () => {
    const box = widget(page);
    await box.getByLabel('Write a comment').fill('연락 주세요 010-1234-5678');
    await box.getByRole('button', { name: 'Post', exact: true }).click();
    const alert = box.locator('.composer').first().getByRole('alert');
    await alert.getByText('Personal information (a phone number) is not allowed.').waitFor();

    await box.getByLabel('Write a comment').fill('씨발 연락 주세요 010-1234-5678');
    await box.getByRole('button', { name: 'Post', exact: true }).click();
    await alert.getByText('The comment contains profanity.').waitFor();
    await expect(alert.locator('p').allInnerTexts()).resolves.toEqual(['The comment contains profanity.', 'Personal information (a phone number) is not allowed.']);
    expect(await box.innerText()).not.toMatch(/POLICY_VIOLATION|pii\.phone|\{/);
  });

  it('shows a held comment to its author with a sentence saying it awaits review', async () => {
    const box = widget(page);
    await box.getByLabel('Write a comment').fill('Background reading: https://example.com/accord-analysis');
    await box.getByRole('button', { name: 'Post', exact: true }).click();
    const held = commentWith(page, 'Background reading');
    await held.getByText('Awaiting review: only you can see this comment until a moderator approves it.').waitFor();
    expect(await box.innerText()).not.toContain('awaiting_review');
  });

  it('replies under a comment, folded in its thread', async () => {
    const first = commentWith(page, 'First thoughts on the accord');
    await first.getByRole('button', { name: 'Reply' }).click();
    const area = widget(page).getByLabel('Reply to Reader A');
    await expect(area.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).resolves.toBe(true);
    await area.fill('A reply under my own comment.');
    await widget(page).getByRole('button', { name: 'Post reply' }).click();
    const reply = widget(page).locator('.replies article.comment', { hasText: 'A reply under my own comment.' });
    await reply.waitFor();
    const toggle = widget(page).locator('.thread', { has: page.locator('article.comment', { hasText: 'First thoughts on the accord' }) }).locator('.replies-toggle');
    await expect(toggle.innerText()).resolves.toBe('Hide replies');
    await toggle.click();
    await expect(reply.count()).resolves.toBe(0);
    await expect(toggle.innerText()).resolves.toBe('Show 1 reply');
    await toggle.click();
    await reply.waitFor();
  });

  it('agrees, undoes with a second click, and switches to disagree, showing the reader’s own choice', async () => {
    const first = commentWith(page, 'First thoughts on the accord');
    const agree = first.locator('button.react.agree');
    const disagree = first.locator('button.react.disagree');
    await agree.click();
    await first.getByRole('button', { name: 'Agree 1', exact: true }).waitFor();
    await expect(agree.getAttribute('aria-pressed')).resolves.toBe('true');
    await agree.click();
    await first.getByRole('button', { name: 'Agree 0', exact: true }).waitFor();
    await expect(agree.getAttribute('aria-pressed')).resolves.toBe('false');
    await agree.click();
    await first.getByRole('button', { name: 'Agree 1', exact: true }).waitFor();
    await disagree.click();
    await first.getByRole('button', { name: 'Disagree 1', exact: true }).waitFor();
    await expect([await agree.getAttribute('aria-pressed'), await disagree.getAttribute('aria-pressed'), await agree.innerText()]).toEqual(['false', 'true', 'Agree 0']);
    // From the keyboard: the reactions are plain buttons.
    await disagree.focus();
    await page.keyboard.press('Space');
    await first.getByRole('button', { name: 'Disagree 0', exact: true }).waitFor();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await first.getByRole('button', { name: 'Agree 1', exact: true }).waitFor();
    await expect(agree.getAttribute('aria-pressed')).resolves.toBe('true');
  });

  it('edits the reader’s own comment, marked "edited"', async () => {
    // While it is edited, its text is in the box, not on the page: find it by its id.
    const id = await commentWith(page, 'First thoughts on the accord').getAttribute('data-comment-id');
    const first = widget(page).locator(`article[data-comment-id="${id}"]`);
    await first.getByRole('button', { name: 'Edit' }).click();
    const area = first.getByLabel('Edit your comment');
    await expect(area.inputValue()).resolves.toBe('First thoughts on the accord, 반갑습니다.');
    await area.fill('Second thoughts on the accord, 반갑습니다.');
    await first.getByRole('button', { name: 'Save' }).click();
    const edited = commentWith(page, 'Second thoughts on the accord');
    await edited.getByText('(edited)').waitFor();
    await expect(edited.getByRole('status').innerText()).resolves.toBe('Your changes were saved.');
  });

  it('sees a comment posted from a second browser context arrive live, without moving what is shown', async () => {
    const before = await widget(page).locator('.list > .thread article.comment').first().getAttribute('data-comment-id');
    const second = await browser.newContext();
    second.setDefaultTimeout(STEP_TIMEOUT_MS);
    try {
      const b = await openWatched(second, news.articleUrl(ARTICLE));
      await loginWithPopup(b.page, 'Facebook', 'reader-b', 'Reader B');
      await widget(b.page).getByLabel('Write a comment').fill('Reader B joins from another browser.');
      await widget(b.page).getByRole('button', { name: 'Post', exact: true }).click();
      await commentWith(b.page, 'Reader B joins').waitFor();

      const fresh = widget(page).getByRole('button', { name: 'Show 1 new comment' });
      await fresh.waitFor();
      await expect(widget(page).locator('.list > .thread article.comment').first().getAttribute('data-comment-id')).resolves.toBe(before);
      await fresh.click();
      await expect(widget(page).locator('.list > .thread article.comment').first().innerText()).resolves.toContain('Reader B joins from another browser.');

      // Reader B, suspended by the newsroom meanwhile, is told why and until when.
      await t.dataSource.query(`UPDATE users SET suspended_until = '2031-03-01T09:00:00Z', suspension_reason = 'Repeated insults' WHERE display_name = 'Reader B'`);
      await widget(b.page).getByLabel('Write a comment').fill('One more thing.');
      await widget(b.page).getByRole('button', { name: 'Post', exact: true }).click();
      const told = widget(b.page).locator('.account .notice.suspended');
      await told.waitFor();
      await expect(told.innerText()).resolves.toMatch(/^Your account is suspended until March 1, 2031 at \d{1,2}:00\s[AP]M \(reason: Repeated insults\)\. You can still read, but you cannot comment, react or report\.$/);
      expect(await b.violations()).toEqual([]);
    } finally {
      await second.close();
    }
  });

  it('reports another reader’s comment with a reason', async () => {
    const theirs = commentWith(page, 'Reader B joins');
    await expect(commentWith(page, 'Second thoughts').getByRole('button', { name: 'Report' }).count()).resolves.toBe(0);
    await theirs.getByRole('button', { name: 'Report' }).click();
    // Escape closes the form; opened again, the first reason has the focus.
    await page.keyboard.press('Escape');
    await expect(theirs.locator('form.report').count()).resolves.toBe(0);
    await theirs.getByRole('button', { name: 'Report' }).click();
    await expect(theirs.getByRole('radio', { name: 'Abuse or insults' }).evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).resolves.toBe(true);
    await theirs.getByRole('radio', { name: 'Spam or advertising' }).check();
    await theirs.getByLabel('Anything the moderators should know (optional)').fill('Looks copied.');
    await theirs.getByRole('button', { name: 'Send report' }).click();
    await theirs.getByText('Thank you. The moderators will look at this comment.').waitFor();
    const reports: { reason: string; note: string }[] = await t.dataSource.query('SELECT reason, note FROM comment_reports');
    expect(reports).toEqual([{ reason: 'spam', note: 'Looks copied.' }]);
  });

  it('shows a suspension given while the page was in the background when the reader comes back, and its lifting', async () => {
    const comeBack = () => page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const told = widget(page).locator('.account .notice.suspended');
    await t.dataSource.query(`UPDATE users SET suspended_until = now() + interval '7 days', suspension_reason = 'Off-topic flooding' WHERE display_name = 'Reader A'`);
    await comeBack();
    await told.getByText(/^Your account is suspended until .* \(reason: Off-topic flooding\)\./).waitFor();
    await expect(widget(page).getByLabel('Write a comment').isDisabled()).resolves.toBe(true);
    await expect(commentWith(page, 'Reader B joins').locator('button.react').count()).resolves.toBe(0);

    await t.dataSource.query(`UPDATE users SET suspended_until = NULL, suspension_reason = NULL WHERE display_name = 'Reader A'`);
    await comeBack();
    await told.waitFor({ state: 'detached' });
    await expect(widget(page).getByLabel('Write a comment').isEnabled()).resolves.toBe(true);
  });

  it('deletes: a comment without replies leaves, one with replies stays as a placeholder without counts', async () => {
    const long = commentWith(page, '끝');
    await long.getByRole('button', { name: 'Delete' }).click();
    await long.getByRole('button', { name: 'Delete' }).last().click();
    await expect(commentWith(page, '끝').waitFor({ state: 'detached' })).resolves.toBeUndefined();

    const first = commentWith(page, 'Second thoughts');
    const id = await first.getAttribute('data-comment-id');
    await first.getByRole('button', { name: 'Delete' }).click();
    await first.getByRole('group').getByRole('button', { name: 'Delete' }).click();
    const placeholder = widget(page).locator(`article[data-comment-id="${id}"]`);
    await placeholder.getByText('This comment was deleted.').waitFor();
    await expect(placeholder.locator('button.react, .counts').count()).resolves.toBe(0);
    await widget(page).locator('.replies', { hasText: 'A reply under my own comment.' }).waitFor();
  });

  it('reads the Standards Board Policy inside the widget and comes back to where it was', async () => {
    const link = widget(page).locator('.account .policy-line button');
    await link.click();
    const policy = widget(page).locator('section.policy');
    await policy.getByRole('heading', { name: 'Standards Board Policy' }).waitFor();
    await policy.locator('[data-rule="pii.phone"]').getByText('Private phone numbers').waitFor();
    await expect(policy.innerText()).resolves.toContain('Strike 2: a suspension of 1 day');
    await expect(widget(page).locator('.comments').isHidden()).resolves.toBe(true);
    await policy.getByRole('button', { name: '← Back to comments' }).first().click();
    await expect(link.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).resolves.toBe(true);
  });

  it('passes axe-core with no serious violations, logged in, with threads, refusals and the policy open; leaves screenshots', async () => {
    const box = widget(page);
    await box.getByLabel('Write a comment').fill('연락 주세요 010-1234-5678');
    await box.getByRole('button', { name: 'Post', exact: true }).click();
    await box.locator('.account .composer').getByRole('alert').getByText('Personal information').waitFor();
    await commentWith(page, 'Reader B joins').getByRole('button', { name: 'Agree 0', exact: true }).click();
    await commentWith(page, 'Reader B joins').getByRole('button', { name: 'Agree 1', exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // For a person to look at: the reader's own, held, edited-then-deleted (a placeholder with its reply) and others' comments, and a refusal.
    await box.screenshot({ path: screenshotPath('widget-desktop.png') });
    await page.setViewportSize({ width: 360, height: 780 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: screenshotPath('widget-360.png'), fullPage: true });
    await page.setViewportSize({ width: 1200, height: 900 });

    await box.locator('.account .policy-line button').click();
    await box.locator('section.policy .rule').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await box.getByRole('button', { name: '← Back to comments' }).first().click();
  });

  it('logs out: the token stops working at the server', async () => {
    const token = (await sent.find((r) => r.method() === 'POST' && r.url().includes('/articles/'))!.allHeaders()).authorization;
    expect((await fetch(`${base}/auth/me`, { headers: { authorization: token } })).status).toBe(200);
    await widget(page).getByRole('button', { name: 'Log out' }).click();
    await widget(page).getByRole('button', { name: 'Log in with Twitter' }).waitFor();
    await eventually(async () => expect((await fetch(`${base}/auth/me`, { headers: { authorization: token } })).status).toBe(401));
    expect(await axeViolations(page)).toEqual([]);
    expect(await w.violations()).toEqual([]);
    expect(w.consoleErrors.filter((e) => /Content.Security.Policy/i.test(e))).toEqual([]);
  });

  it('sorts newest, oldest and most agreed, and loads more by cursor', async () => {
    const readers = await seedReaders(base, ['seed-1', 'seed-2', 'seed-3']);
    const ids: string[] = [];
    for (let i = 1; i <= 24; i++) ids.push((await postAs(base, readers[i % 3], BUSY, `Seeded comment number ${i}.`)).id);
    for (const r of readers) await agreeAs(base, r, ids[6]);
    await agreeAs(base, readers[0], ids[11]);

    const p = (await openWatched(reader, news.articleUrl(BUSY))).page;
    const bodies = () => widget(p).locator('.list > .thread .body').allInnerTexts();
    await widget(p).getByText('Seeded comment number 24.').waitFor();
    expect(await bodies()).toHaveLength(20);
    expect((await bodies())[0]).toBe('Seeded comment number 24.');
    await widget(p).getByRole('button', { name: 'Load more comments' }).click();
    await widget(p).getByText('Seeded comment number 1.', { exact: true }).waitFor();
    expect(await bodies()).toEqual(ids.map((_, i) => `Seeded comment number ${24 - i}.`));
    await expect(widget(p).getByRole('button', { name: 'Load more comments' }).count()).resolves.toBe(0);

    await widget(p).getByRole('button', { name: 'Oldest' }).click();
    await eventually(async () => expect((await bodies())[0]).toBe('Seeded comment number 1.'));
    await expect(widget(p).getByRole('button', { name: 'Oldest' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await widget(p).getByRole('button', { name: 'Most agreed' }).click();
    await eventually(async () => expect((await bodies()).slice(0, 2)).toEqual(['Seeded comment number 7.', 'Seeded comment number 12.']));
    expect(await bodies()).toHaveLength(20);
    await p.close();
  });

  it('is usable at 360 px in Korean, logged in, replying, with more to load', async () => {
    const small = (await openWatched(reader, news.articleUrl(BUSY, 'ko'))).page;
    await small.setViewportSize({ width: 360, height: 780 });
    const box = widget(small);
    await box.getByText('트위터 또는 페이스북 계정으로 로그인해 댓글에 참여하세요').waitFor();
    await expect(box.locator('.policy-line').innerText()).resolves.toBe('댓글 운영 원칙 (0/250자)');
    await expect(box.getByRole('button', { name: '최신순' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(box.locator('time').first().innerText()).resolves.toMatch(/^(방금|\d+분 전)$/);
    expect(await axeViolations(small)).toEqual([]);
    await small.screenshot({ path: screenshotPath('widget-ko-360.png'), fullPage: true });

    const [popup] = await Promise.all([small.context().waitForEvent('page'), box.getByRole('button', { name: 'Twitter로 로그인' }).click()]);
    await popup.fill('#screen_name', 'reader-a');
    await popup.fill('#name', 'Reader A');
    await Promise.all([popup.waitForEvent('close'), popup.click('button[value=allow]')]);
    await box.getByRole('button', { name: '로그아웃' }).waitFor();
    await commentWith(small, 'Seeded comment number 24.').getByRole('button', { name: '답글', exact: true }).click();
    await box.getByLabel('seed-1님에게 답글 쓰기').fill('좁은 화면에서도 답글을 쓸 수 있습니다 👍🏽');
    await box.getByRole('button', { name: '답글 등록' }).click();
    await box.locator('.replies', { hasText: '좁은 화면에서도 답글을 쓸 수 있습니다' }).waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await axeViolations(small)).toEqual([]);
    await small.screenshot({ path: screenshotPath('widget-ko-360-reply.png'), fullPage: false });

    await box.locator('.account .policy-line button').click();
    await box.locator('section.policy').getByText('개인 전화번호').waitFor();
    await box.screenshot({ path: screenshotPath('widget-ko-policy.png') });
    await small.close();
  });
});

describe('the widget when the reader posts too often', () => {
  let t: TestApp;
  let news: NewsSite;
  let reader: BrowserContext;

  beforeAll(async () => {
    const port = await freePort();
    const base = `http://localhost:${port}`;
    news = await startNewsSite(base);
    t = await startTestApp({ AUTH_SANDBOX: 'true', PUBLIC_URL: base, ALLOWED_ORIGINS: news.origin, RATE_COMMENT_INTERVAL_SECONDS: '60' });
    await t.app.listen({ port, host: '127.0.0.1' });
    await truncateAll(t.dataSource);
    reader = await launchProfile({ thirdPartyCookies: 'blocked' });
  });
  afterAll(async () => {
    await reader?.close();
    await news?.close();
    await t?.close();
  });

  it('says how long to wait, counts it down from Retry-After, keeps Post off until then, and names the rules the text breaks besides', async () => {
    const { page } = await openWatched(reader, news.articleUrl(ARTICLE));
    await loginWithPopup(page, 'Twitter', 'quick', 'Quick Reader');
    const box = widget(page);
    await box.getByLabel('Write a comment').fill('The first comment goes through.');
    await box.getByRole('button', { name: 'Post', exact: true }).click();
    await commentWith(page, 'The first comment goes through.').waitFor().catch(async (e) => {
      await page.screenshot({ path: screenshotPath('debug-rate.png'), fullPage: true });
      throw e;
    });
    await box.getByLabel('Write a comment').fill('The second one comes too soon: 010-1234-5678');
    await box.getByRole('button', { name: 'Post', exact: true }).click();
    const alert = box.locator('.account .composer').getByRole('alert');
    await alert.getByText(/^You are posting too often\. You can try again in (1 minute|\d+ seconds)\.$/).waitFor();
    // Waiting will not be enough: the reader hears now that the text breaks a rule too.
    await alert.getByText('Personal information (a phone number) is not allowed.').waitFor();
    await expect(alert.locator('p').count()).resolves.toBe(2);
    // "Time left: 1 minute", "59 seconds", "1 minute 5 seconds".
    const left = async () => {
      const m = /(?:(\d+) minutes?)?\s*(?:(\d+) seconds?)?$/.exec(await box.locator('.wait').innerText())!;
      return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
    };
    const first = await left();
    expect(first).toBeGreaterThan(50);
    await eventually(async () => expect(await left()).toBeLessThanOrEqual(first - 2));
    await expect(box.getByRole('button', { name: 'Post', exact: true }).isDisabled()).resolves.toBe(true);
  });
});

describe('the widget behind a path of the news site (news.example/comments/ forwarded to the service)', () => {
  let t: TestApp;
  let news: NewsSite;
  let reader: BrowserContext;

  beforeAll(async () => {
    const port = await freePort();
    news = await startNewsSite({ path: '/comments', forwardTo: `http://127.0.0.1:${port}` });
    // The service's own origin is the news site's: no ALLOWED_ORIGINS, no CORS, its cookies first-party.
    t = await startTestApp({ AUTH_SANDBOX: 'true', PUBLIC_URL: `${news.origin}/comments`, RATE_COMMENT_INTERVAL_SECONDS: '0' });
    await t.app.listen({ port, host: '127.0.0.1' });
    await truncateAll(t.dataSource);
    reader = await launchProfile({ thirdPartyCookies: 'blocked' });
  });
  afterAll(async () => {
    await reader?.close();
    await news?.close();
    await t?.close();
  });

  it('loads from the path, logs in, posts and hears its own comment live, all under the page’s own origin', async () => {
    const w = await openWatched(reader, news.articleUrl(ARTICLE));
    const page = w.page;
    const elsewhere: string[] = [];
    page.on('request', (r) => new URL(r.url()).origin !== news.origin && elsewhere.push(r.url()));
    await loginWithPopup(page, 'Twitter', 'path-reader', 'Path Reader');
    const box = widget(page);
    await box.getByRole('button', { name: 'Log out' }).waitFor();
    await box.getByLabel('Write a comment').fill('Posted through the news site’s own path.');
    await box.getByRole('button', { name: 'Post', exact: true }).click();
    await commentWith(page, 'Posted through the news site’s own path.').waitFor();

    // A second reader's comment comes through the forwarded event stream.
    const other = await openWatched(reader, news.articleUrl(ARTICLE));
    await loginWithPopup(other.page, 'Facebook', 'path-other', 'Path Other');
    await widget(other.page).getByLabel('Write a comment').fill('And a second reader, also through the path.');
    await widget(other.page).getByRole('button', { name: 'Post', exact: true }).click();
    await widget(page).getByRole('button', { name: 'Show 1 new comment' }).click();
    await commentWith(page, 'And a second reader, also through the path.').waitFor();

    expect(elsewhere).toEqual([]);
    expect(await w.violations()).toEqual([]);
  });
});
