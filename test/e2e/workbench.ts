// Drives the VS Code workbench in headless Chromium (playwright-core with Debian's /usr/bin/chromium)
// the way a user does: Quick Open, the command palette, the Problems panel, hovers, notifications,
// webviews. Every request that is not to 127.0.0.1 is aborted (offline, and nothing leaks out).
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Playwright adds --headless and --no-sandbox (headless: true, chromiumSandbox: false).
const CHROMIUM_FLAGS = [
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** URLs the route filter aborted (for the report: what the workbench tried to reach). */
  blocked: string[];
  close: () => Promise<void>;
}

/** Launches Chromium with a fresh profile; Playwright runs it in its own process group and kills that group on close. */
export async function openBrowser(profileDir: string, env: NodeJS.ProcessEnv): Promise<Browser> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    chromiumSandbox: false,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
    env,
  });
  const blocked: string[] = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1') return route.continue();
    blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page, blocked, close: () => context.close() };
}

/** Opens the workbench and waits until the extension host is up (status bar drawn). */
export async function openWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.statusbar').waitFor();
}

const quickInput = (page: Page) => page.locator('.quick-input-widget');
/** The rows of the open quick pick. */
export const quickRows = (page: Page) => page.locator('.quick-input-widget .quick-input-list .monaco-list-row');

/**
 * Opens a file by Quick Open (Ctrl+P) with the given search text; waits for its tab. A file written
 * a moment ago may not be in the workbench's file search yet: the search is asked again, a few times.
 */
export async function quickOpen(page: Page, search: string, tabName: string): Promise<void> {
  const row = quickRows(page).filter({ hasText: tabName }).first();
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+P');
    await quickInput(page).waitFor({ state: 'visible' });
    await page.keyboard.type(search);
    try {
      await row.waitFor({ timeout: 10_000 });
      break;
    } catch (e) {
      if (attempt >= 4) throw e;
    }
  }
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: tabName }).waitFor();
}

/** Runs a command from the palette (F1) by its title as the user sees it. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(title);
  await quickRows(page).filter({ hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

export interface QuickPickRow {
  /** The item's label (icons aside). */
  label: string;
  /** The whole row: label, description and detail. */
  text: string;
}

/** The rows of the quick pick whose placeholder contains `placeholder` (waits for it to replace the palette). */
export async function quickPickRows(page: Page, placeholder: string): Promise<QuickPickRow[]> {
  await waitOrError(page, page.locator(`.quick-input-widget .quick-input-box input[placeholder*="${placeholder}"]`));
  await quickRows(page).first().waitFor();
  return quickRows(page).evaluateAll((rows) =>
    rows.map((row) => ({
      label: ((row.querySelector('.label-name') as HTMLElement | null)?.innerText ?? '').trim(),
      text: (row as HTMLElement).innerText,
    })),
  );
}

/** Types into the open quick input and accepts (Enter). */
export async function quickPickAccept(page: Page, text?: string, expectRow?: string): Promise<void> {
  await quickInput(page).waitFor({ state: 'visible' });
  if (text !== undefined) await page.keyboard.type(text);
  if (expectRow !== undefined) await quickRows(page).filter({ hasText: expectRow }).first().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * Every row of the Problems panel (a virtualised tree: scrolled through to read all rows), after
 * filtering it with `filter` (text or file glob, as a user types it into the panel's filter box).
 */
export async function problems(page: Page, filter = ''): Promise<string[]> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) {
    // Ctrl+Shift+M toggles the panel: press it only when the panel is not shown
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible' });
  }
  const filterBox = page.locator('.part.panel .viewpane-filter input').first();
  if ((await filterBox.inputValue()) !== filter) {
    await filterBox.fill(filter);
    await page.waitForTimeout(300); // the filter applies after a short debounce
  }
  const seen = new Set<string>();
  const rows = panel.locator('.monaco-list-row');
  let stable = 0;
  await panel.hover();
  await page.mouse.wheel(0, -1e6);
  while (stable < 2) {
    const before = seen.size;
    for (const label of await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText))) {
      seen.add(label);
    }
    stable = seen.size === before ? stable + 1 : 0;
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(100);
  }
  return [...seen];
}

/** A row of the Problems panel with the severity its icon shows (error, warning or info). */
export interface ProblemRow {
  text: string;
  severity: 'error' | 'warning' | 'info' | undefined;
}

/** The rows of the Problems panel (see `problems`) that hold `text`, with their severity icons. */
export async function problemRows(page: Page, filter: string, text: string): Promise<ProblemRow[]> {
  await problems(page, filter);
  return page.locator('.markers-panel .monaco-list-row', { hasText: text }).evaluateAll((els) =>
    els.map((e) => {
      const icon = e.querySelector('.codicon-error, .codicon-warning, .codicon-info');
      const severity = icon?.classList.contains('codicon-error') ? 'error' : icon?.classList.contains('codicon-warning') ? 'warning' : icon ? 'info' : undefined;
      return { text: (e as HTMLElement).innerText, severity } as { text: string; severity: 'error' | 'warning' | 'info' | undefined };
    }),
  );
}

/** The code lenses drawn above the lines of the active editor. */
export async function codeLenses(page: Page): Promise<string[]> {
  return page.locator('.monaco-editor .codelens-decoration').evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()).filter(Boolean));
}

/**
 * Words of English left in a text shown in Chinese: what remains once file names, rule and diagnostic
 * codes, numbers and the names of products (Markdown, Word, Excel, PDF, LibreOffice) are set aside.
 */
export function englishWords(text: string): string[] {
  const rest = text
    .replace(/\S+\.(md|docx|xlsx|csv|pdf|yaml|yml)\b/gi, ' ')
    .replace(/\b([WM]-[A-Z]\d+|REG-[A-Z-]+|IR\d{4})\b/g, ' ')
    .replace(/\b(Markdown|Word|Excel|PDF|LibreOffice|md|docx|xlsx|pdf|csv|YAML|ID)\b/g, ' ');
  return [...rest.matchAll(/[A-Za-z]{2,}/g)].map((m) => m[0]);
}

/** Moves the cursor (Ctrl+G, 1-based line and column). */
export async function goToPosition(page: Page, line: number, column: number): Promise<void> {
  await page.locator('.monaco-editor textarea').first().focus();
  await page.keyboard.press('Control+G');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
}

/** Shows the hover at the cursor (Ctrl+K Ctrl+I) and returns its text once it holds `expect`. */
export async function hoverAtCursor(page: Page, expect: string): Promise<string> {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: expect }).first();
  await hover.waitFor({ state: 'visible' });
  return hover.innerText();
}

/**
 * Waits for a notification toast whose text matches and returns that text. An error toast that
 * appears meanwhile fails at once with its text (a failed command says why there).
 */
export async function notification(page: Page, match: RegExp, timeout = 60_000): Promise<string> {
  const wanted = page.locator('.notification-list-item', { hasText: match }).first();
  await waitOrError(page, wanted, timeout);
  return wanted.innerText();
}

/**
 * The extension's own words in a notification toast that matches: its message and its buttons (the
 * workbench's chrome around them, `Source: …`, is VS Code's, in VS Code's display language).
 */
export async function notificationWords(page: Page, match: RegExp): Promise<string> {
  const item = page.locator('.notification-list-item', { hasText: match }).first();
  const message = await item.locator('.notification-list-item-message').innerText();
  const buttons = await item.locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts();
  return [message, ...buttons].join(' ');
}

/** Waits for `wanted`; an error notification shown meanwhile fails at once with its text. */
export async function waitOrError(page: Page, wanted: Locator, timeout = 30_000): Promise<void> {
  const error = page.locator('.notification-list-item', { has: page.locator('.codicon-error') }).first();
  await wanted.or(error).first().waitFor({ state: 'visible', timeout });
  if (!(await wanted.isVisible())) throw new Error(`error notification: ${await error.innerText()}`);
}

/** Dismisses every notification toast (so a later one is the only one shown). */
export async function clearNotifications(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  for (const close of await page.locator('.notification-list-item .codicon-notifications-clear').all()) {
    await close.click({ force: true }).catch(() => undefined);
  }
}

/** The webview frame (VS Code nests it: page → webview host iframe → content iframe) holding `selector`. */
export async function webviewFrame(page: Page, selector: string, timeout = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.locator(selector).count().catch(() => 0)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview frame holds ${selector}`);
    await page.waitForTimeout(250);
  }
}

/** Saves a screenshot of the whole workbench under the artefact folder; returns its path. */
export async function screenshot(page: Page, folder: string, name: string): Promise<string> {
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
