/// <reference lib="dom" />
// Callbacks passed to page.evaluate run in the browser: they see the DOM types.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TestApp, startTestApp, truncateAll } from '../helpers/app';
import { freePort } from '../helpers/free-port';
import { login, type Session } from '../helpers/login';
import { SseClient } from '../helpers/sse';
import { assertConsoleBuilt, focusedSoon, screenshot, seriousAxeFindings, textSoon, watchPageProblems } from './console-helpers/page-checks';

/**
 * The moderator console at /moderation, in a real browser (Debian's
 * Chromium, never a downloaded one), against the real app on Postgres: a
 * moderator logs in through the sandbox provider, hears a held comment
 * arrive, approves it with the keyboard, and the readers' public stream and
 * list get it at once; a suspension given in the console reaches the reader;
 * two moderators deciding at once; the audit log; axe-core; the CSP.
 * Screenshots go to var/screenshots/ (git-ignored). `npm run build` first.
 *
 * The reader's side is checked through the public API (the list and
 * GET /articles/:id/events, what the widget reads), not the widget itself.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTICLE = 'console-article';
const CMS_TOKEN = 'cms-console-browser';
const LONG = 60_000;

describe('the moderator console in a real browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: Awaited<ReturnType<typeof watchPageProblems>>;
  let moderatorId: string;
  let reader: Session;
  let reportedId: string;

  const as = (s: Session, method: 'get' | 'post' | 'put' | 'delete', path: string) => t.http()[method](path).set('Cookie', s.cookie).set('X-CSRF-Token', s.csrfToken);
  const post = (s: Session, body: string, articleId = ARTICLE, parentId?: string) =>
    as(s, 'post', `/articles/${articleId}/comments`).send({ body, ...(parentId ? { parentId } : {}) });
  const cms = (articleId: string, settings: Record<string, unknown>) => t.http().put(`/articles/${articleId}`).set('Authorization', `Bearer ${CMS_TOKEN}`).send(settings).expect(200);
  const staff = async (screenName: string): Promise<Session> => {
    const s = await login(t, 'twitter', { screenName, name: screenName });
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [s.user.id]);
    return s;
  };
  const item = (id: string) => page.locator(`article.item[data-id="${id}"]`);
  const status = () => page.locator('#console-status');

  beforeAll(async () => {
    assertConsoleBuilt();
    const port = await freePort();
    base = `http://localhost:${port}`;
    t = await startTestApp({
      AUTH_SANDBOX: 'true',
      PUBLIC_URL: base,
      CMS_API_TOKEN: CMS_TOKEN,
      RATE_COMMENT_INTERVAL_SECONDS: '0',
      RATE_COMMENTS_PER_ARTICLE: '0',
      RATE_COMMENTS_PER_DAY: '0',
    });
    await t.app.listen({ port, host: '127.0.0.1' });
    await truncateAll(t.dataSource);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    problems = await watchPageProblems(context);
    page = await context.newPage();
    problems.attach(page);
  }, LONG);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('sends a visitor to log in, tells a reader the page is for moderators, and opens the console to a moderator', async () => {
    await page.goto(`${base}/moderation`);
    await page.getByText('This page is for the newsroom’s moderators. Log in to continue.').waitFor();
    const links = await page.locator('.login a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links).toEqual([
      // Full addresses: the console works behind a path of the news site too (PUBLIC_URL with a path).
      ['Log in with Twitter', `${base}/auth/twitter?returnTo=${encodeURIComponent(`${base}/moderation`)}`],
      ['Log in with Facebook', `${base}/auth/facebook?returnTo=${encodeURIComponent(`${base}/moderation`)}`],
    ]);
    expect(await seriousAxeFindings(page)).toEqual([]);
    await screenshot(page, 'console-login.png');

    // A cancelled login comes back with a sentence, not a code.
    await page.click('text=Log in with Twitter');
    await page.waitForSelector('text=Sandbox Twitter');
    await page.click('button[value=deny]');
    await page.getByText('You cancelled the login.').waitFor();
    expect(page.url()).toBe(`${base}/moderation`);

    await page.click('text=Log in with Twitter');
    await page.fill('#screen_name', 'console-moderator');
    await page.fill('#name', 'Mina Park');
    await page.click('button[value=allow]');
    await page.getByText('You are logged in as Mina Park, a reader. This page is for moderators and admins.').waitFor();
    expect(page.url()).toBe(`${base}/moderation`);

    const me = (await page.evaluate(() => fetch('/auth/me').then((r) => r.json()))) as { user: { id: string } };
    moderatorId = me.user.id;
    await t.dataSource.query(`UPDATE users SET role = 'moderator' WHERE id = $1`, [moderatorId]);
    await page.reload();
    await page.getByRole('heading', { level: 2, name: /^Held for review/ }).waitFor();
    await page.getByText('Nothing waits here.').waitFor();
    await page.getByText('Live: new items appear on their own.').waitFor();
    // The shortcuts are on the page.
    const help = await page.locator('aside.help').innerText();
    for (const line of ['j', 'next item', 'a', 'approve', 'r', 'reject', 'h', 'hide', 's', 'restore', 'd', 'delete']) expect(help).toContain(line);
  }, LONG);

  it('a held comment arrives live, is approved by keyboard, and reaches the readers live', async () => {
    await cms(ARTICLE, { title: 'Council votes on the new bridge', url: 'https://news.example.com/bridge', moderation: 'pre' });
    reader = await login(t, 'twitter', { screenName: 'console-reader', name: 'Console Reader' });
    const publicStream = await SseClient.open(`${base}/articles/${ARTICLE}/events`);
    try {
      const held = await post(reader, 'The bridge vote was rushed, in my view.').expect(202);
      expect(held.body.status).toBe('pending');
      await item(held.body.id).waitFor();
      await textSoon(status(), 'A new item arrived in the queue.');
      expect(await item(held.body.id).innerText()).toContain('The bridge vote was rushed, in my view.');
      expect(await item(held.body.id).innerText()).toContain('article.premoderated');
      expect(await item(held.body.id).innerText()).toContain('Council votes on the new bridge');

      // Keys typed in a field are text, not commands.
      await page.keyboard.press('/');
      const filterId = await page.getByLabel('Article ID (optional)').getAttribute('id');
      expect(await focusedSoon(page, 'id', filterId)).toBe(filterId);
      await page.keyboard.type('ardh');
      expect(await page.locator('dialog[open]').count()).toBe(0);
      await page.getByLabel('Article ID (optional)').fill('');

      await page.locator('h2', { hasText: 'Held for review' }).focus();
      await page.keyboard.press('j');
      expect(await focusedSoon(page, 'data-id', held.body.id)).toBe(held.body.id);
      await page.keyboard.press('a');
      await page.locator('dialog[open]').waitFor();
      expect(await page.locator('dialog[open] h2').innerText()).toBe('Approve this comment');
      await page.keyboard.type('fair criticism');
      await page.keyboard.press('Enter');
      await textSoon(status(), 'Approved: the comment is public.');
      await item(held.body.id).waitFor({ state: 'detached' });

      // The readers hear of it on the public stream and see it in the list.
      const [frame] = await publicStream.waitFor(1);
      expect(frame.event).toBe('comment.created');
      expect(JSON.parse(frame.data!)).toMatchObject({ id: held.body.id, status: 'published', body: 'The bridge vote was rushed, in my view.' });
      const list = await t.http().get(`/articles/${ARTICLE}/comments`).expect(200);
      expect(list.body.items.map((c: { id: string }) => c.id)).toEqual([held.body.id]);
    } finally {
      publicStream.close();
    }
  }, LONG);

  it('two moderators decide at once: the one who lost reads what won', async () => {
    const other = await staff('jun-second');
    const held = await post(reader, 'A second thought on the bridge.').expect(202);
    await item(held.body.id).waitFor();
    // The other moderator's reject lands while this console's approve is on its way.
    await page.route(`**/moderation/comments/${held.body.id}/approve`, async (route) => {
      await as(other, 'post', `/moderation/comments/${held.body.id}/reject`).send({ reason: 'duplicate' }).expect(200);
      await route.continue();
    });
    await item(held.body.id).focus();
    await page.keyboard.press('a');
    await page.locator('dialog[open]').waitFor();
    await page.keyboard.press('Enter');
    const sentence = /^jun-second already rejected this comment at .+ \(reason: “duplicate”\)\.$/;
    await textSoon(status(), sentence);
    expect(await item(held.body.id).locator('.outcome[role=note]').innerText()).toMatch(sentence);
    await page.unroute(`**/moderation/comments/${held.body.id}/approve`);
  }, LONG);

  it('a suspension given in the console shows to the reader, and lifting it there lets them post again', async () => {
    const held = await post(reader, 'The council should resign, all of them.').expect(202);
    const entry = item(held.body.id);
    await entry.waitFor();
    await entry.getByRole('button', { name: 'Suspend or ban…' }).click();
    await entry.getByLabel('Days').fill('3');
    await entry.getByLabel('Reason (the reader sees it)').fill('personal attacks');
    await entry.getByRole('button', { name: 'Apply the sanction' }).click();
    await textSoon(entry.locator('.outcome[role=status]').first(), /^Suspended until .+\.$/);
    expect(await entry.innerText()).toContain('(reason: personal attacks)');

    const me = await t.http().get('/auth/me').set('Cookie', reader.cookie).expect(200);
    expect(me.body.user.suspension).toEqual({ until: expect.any(String), reason: 'personal attacks', permanent: false });
    const days = (new Date(me.body.user.suspension.until).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.99);
    expect(days).toBeLessThanOrEqual(3);
    const refused = await post(reader, 'Am I still here?').expect(403);
    expect(refused.body.error).toMatchObject({ code: 'ACCOUNT_SUSPENDED', details: { reason: 'personal attacks', permanent: false } });

    await entry.getByRole('button', { name: 'Lift the sanction…' }).click();
    await entry.getByLabel('Reason for lifting (optional)').fill('appeal accepted');
    await entry.getByRole('button', { name: 'Lift the sanction', exact: true }).click();
    await textSoon(entry.locator('.outcome[role=status]').first(), 'The sanction was lifted.');
    expect((await t.http().get('/auth/me').set('Cookie', reader.cookie).expect(200)).body.user.suspension).toBeNull();
    await post(reader, 'Back, and calmer.').expect(202);
  }, LONG);

  it('the audit log shows the decisions, the sanction and its lifting', async () => {
    await page.getByRole('button', { name: 'Audit log' }).click();
    const table = page.locator('table.audit[aria-busy=false]');
    await table.locator('tbody tr').first().waitFor();
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const byAction = (action: string) => rows.filter((r) => r[2] === action);
    expect(byAction('Approved a comment')).toEqual([[expect.any(String), 'Moderator (you)', 'Approved a comment', expect.stringMatching(/^comment /), 'fair criticism', 'status: pending → published; notice: awaiting_review → —']]);
    expect(byAction('Rejected a comment')).toEqual([[expect.any(String), 'Moderator jun-second', 'Rejected a comment', expect.any(String), 'duplicate', expect.stringContaining('status: pending → deleted')]]);
    expect(byAction('Suspended a reader')).toEqual([[expect.any(String), 'Moderator (you)', 'Suspended a reader', `user ${reader.user.id}`, 'personal attacks', expect.stringContaining('suspensionReason: — → personal attacks')]]);
    expect(byAction('Lifted a sanction')).toEqual([[expect.any(String), 'Moderator (you)', 'Lifted a sanction', `user ${reader.user.id}`, 'appeal accepted', expect.any(String)]]);
    expect(await seriousAxeFindings(page)).toEqual([]);
    await screenshot(page, 'console-audit-desktop.png');
    await page.getByRole('button', { name: 'Queue' }).click();
  }, LONG);

  it('passes axe-core with a full queue, desktop and narrow, in English and Korean, with no CSP violation; screenshots', async () => {
    // A thread with a held reply, a held link, and a reported comment, on a post-moderated article.
    await page.getByRole('button', { name: 'Queue' }).click();
    const screens = 'seoul-fares';
    await cms(screens, { title: 'Seoul subway fares rise in June', url: 'https://news.example.com/fares', moderation: 'post' });
    const [a, b, c] = [await login(t, 'twitter', { screenName: 'kim-reader', name: '김독자' }), await login(t, 'twitter', { screenName: 'lee-reader', name: 'Lee' }), await login(t, 'twitter', { screenName: 'park-reader', name: '박' })];
    const top = (await post(a, '요금 인상 폭이 너무 큽니다. 서민 부담을 생각해야죠.', screens).expect(201)).body;
    await post(b, 'Agreed, and the buses follow next year.', screens, top.id).expect(201);
    const heldReply = (await post(b, 'Source: http://example.com/fares-report', screens, top.id).expect(202)).body;
    await as(c, 'post', `/comments/${top.id}/reports`).send({ reason: 'spam', note: '같은 글을 여러 번 올림' }).expect(201);
    await item(heldReply.id).waitFor();

    const entry = item(heldReply.id);
    expect(await entry.innerText()).toContain('spam.link');
    // A reply shows its thread: the public replies around it.
    await entry.getByText('Agreed, and the buses follow next year.').waitFor();
    expect(await seriousAxeFindings(page)).toEqual([]);
    await screenshot(page, 'console-queue-desktop.png');

    await entry.focus();
    await page.keyboard.press('d');
    await page.locator('dialog[open]').waitFor();
    expect(await seriousAxeFindings(page)).toEqual([]);
    await screenshot(page, 'console-reason-prompt.png', { fullPage: false });
    await page.keyboard.press('Escape');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
    expect(await entry.count()).toBe(1);

    await page.getByRole('button', { name: /^Reported/ }).click();
    await item(top.id).waitFor();
    expect(await item(top.id).innerText()).toContain('Spam 1');
    expect(await item(top.id).innerText()).toContain('같은 글을 여러 번 올림');
    expect(await seriousAxeFindings(page)).toEqual([]);

    await page.setViewportSize({ width: 360, height: 800 });
    await page.getByRole('button', { name: /^Held for review/ }).click();
    await item(heldReply.id).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    expect(await seriousAxeFindings(page)).toEqual([]);
    await screenshot(page, 'console-queue-narrow.png');

    await page.getByRole('button', { name: '한국어' }).click();
    await page.getByRole('heading', { level: 2, name: /^검토 대기/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    expect(await seriousAxeFindings(page)).toEqual([]);
    await screenshot(page, 'console-queue-narrow-ko.png');
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'console-queue-desktop-ko.png');
    await page.getByRole('button', { name: 'English' }).click();
    reportedId = top.id;
  }, LONG);

  it('records a rights claim, and approves a flagged display name by keyboard', async () => {
    await page.getByRole('button', { name: /^Reported/ }).click();
    const reported = item(reportedId);
    await reported.getByRole('button', { name: 'Record a rights claim…' }).click();
    await reported.getByLabel('Claimant').fill('Seoul Metro');
    await reported.getByLabel('What the claim says').fill('A false statement of fact about fares.');
    await reported.getByRole('button', { name: 'Hide under the claim' }).click();
    await textSoon(reported.locator('.outcome[role=status]').last(), /^Hidden under the claim until .+\.$/);
    expect(await reported.innerText()).toContain('Seoul Metro');
    expect((await t.http().get('/articles/seoul-fares/comments').expect(200)).body.items).toEqual([]);

    await page.getByRole('button', { name: /^Display names/ }).click();
    await page.getByText('Nothing waits here.').waitFor();
    const flagged = await login(t, 'twitter', { screenName: 'kimreporter', name: '김민지 기자' });
    expect(flagged.user.displayName).toMatch(/^독자-/);
    await item(flagged.user.id).waitFor();
    await item(flagged.user.id).focus();
    await page.keyboard.press('a');
    await page.locator('dialog[open]').waitFor();
    await page.keyboard.press('Enter');
    await textSoon(status(), 'Readers now see “김민지 기자”.');
    expect((await t.http().get('/auth/me').set('Cookie', flagged.cookie).expect(200)).body.user.displayName).toBe('김민지 기자');
  }, LONG);

  it('no page broke its Content-Security-Policy or threw, all along', () => {
    expect(problems.csp).toEqual([]);
    expect(problems.errors).toEqual([]);
  });
});
