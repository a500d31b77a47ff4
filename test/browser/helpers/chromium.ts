import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); a browser is never downloaded. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const STEP_TIMEOUT_MS = 10_000;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/**
 * A browser profile with its cookie setting as a reader's would be: "block
 * third-party cookies" (the profile preference Chromium's settings page
 * writes), or allowed. Each call gets a fresh profile, removed on close.
 */
export async function launchProfile(options: { thirdPartyCookies: 'blocked' | 'allowed'; viewport?: { width: number; height: number } }): Promise<BrowserContext> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nrc-profile-'));
  const blocked = options.thirdPartyCookies === 'blocked';
  fs.mkdirSync(path.join(dir, 'Default'));
  fs.writeFileSync(path.join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: blocked ? 1 : 0, block_third_party_cookies: blocked } }));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: ARGS, viewport: options.viewport ?? { width: 1200, height: 900 } });
  // Shorter than Jest's own timeout, so that a step that waits in vain says which one.
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  // Chromium may still be writing the profile as it exits: a leftover temp folder is no failure.
  context.on('close', () => setTimeout(() => fs.rm(dir, { recursive: true, force: true, maxRetries: 5 }, () => undefined), 500));
  return context;
}
