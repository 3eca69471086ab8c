import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, headless, quiet (no updates, sync or first-run pages).
 * No vitest in here: the stand-in Electron (test/e2e/stand-in/) starts it
 * from the app's own process, outside the test runner.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
    timeout: 60_000,
  });
}
