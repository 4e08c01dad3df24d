import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Screenshots of every page, kept as CI artifacts; the folder is git-ignored. */
export const SCREENSHOTS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'artifacts',
  'screenshots',
);

/**
 * Checks whether the browser suite can run. Without Chromium it is skipped locally with one line, but with
 * CI=true it throws, so a CI run never passes without the browser tests.
 */
export function browserSuiteEnabled(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}; install it with apt-get install chromium.`);
  }
  console.warn(
    `browser tests skipped: no Chromium at ${CHROMIUM_PATH} (install the chromium package to run them)`,
  );
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, `${name}.png`), fullPage: true });
}

/** Problems a page reported: JavaScript errors, console errors (CSP violations among them) and dialogs. */
export interface PageProblems {
  errors: string[];
  dialogs: string[];
}

/** Records page errors and console errors, and dismisses and records any dialog, such as an alert. */
export function watchProblems(page: Page): PageProblems {
  const problems: PageProblems = { errors: [], dialogs: [] };
  page.on('pageerror', (error) => problems.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(message.text());
  });
  page.on('dialog', (dialog) => {
    problems.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return problems;
}
