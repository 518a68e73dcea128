// axe-core (injected into the page) on every kind of page a person meets: the form, the form
// with its errors shown, the history with jobs, a job and the 404 page, in the light and the
// dark scheme, in English and in Chinese. WCAG 2.0–2.2 A and AA and axe's best practices: no
// violation. In Chinese, each page must also have no English left outside the people's own data
// (`translate="no"`) and DLI's product terms.
import { readFileSync } from 'node:fs';
import { createThroughTheForm, expect, hydrated, test } from '../harness/fixtures';
import type { Page } from '@playwright/test';

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const rules = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

type Violation = { id: string; help: string; nodes: { target: string[] }[] };

/// What axe finds on the page as it is now, one line per rule and element.
async function violations(page: Page): Promise<string[]> {
  // Evaluated through DevTools, so the page's CSP (nonce scripts only) does not stop it.
  await page.evaluate(axeSource);
  const found = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return result.violations;
  }, rules);
  return found.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id} (${violation.help}): ${node.target.join(' ')}`),
  );
}

/// Words Huawei's Chinese DLI console also writes in Latin letters.
const productTerms = [
  'DLI', 'Flink', 'JAR', 'Jar', 'jar', 'OBS', 'SMN', 'CU', 'CUs', 'TM', 'TaskManager', 'JobManager',
  'Checkpoint', 'checkpoint', 'Savepoint', 'savepoint', 'Slot', 'JSON', 'ID', 'URN', 'UTC', 'IAM',
  'CPU', 'GB', 'MB', 'v1', 'v2',
  // The Java call and folder a job reads its dependency files with, as DLI's docs write them.
  'getResource', 'userData',
];

/// Every English word the reader sees (text, labels, titles, placeholders) outside their own data
/// and the product's terms, with where it is: what a missing translation leaves on a Chinese page.
async function englishLeft(page: Page): Promise<string[]> {
  return page.evaluate((allowed) => {
    const skip = 'script, style, code, pre, kbd, samp, [translate="no"], [lang]:not([lang^="zh"]), [hidden], template';
    // DLI's status codes (`job_running`) are its API's names, the same in every language.
    const words = (text: string) =>
      (text.replace(/\bjob_[a-z_]+\b/g, '').match(/[A-Za-z][A-Za-z0-9'’]*/g) ?? []).filter((word) => !allowed.includes(word));
    const where = (element: Element) => element.id ? `#${element.id}` : element.tagName.toLowerCase() + (element.className ? `.${String(element.className).split(' ')[0]}` : '');
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(skip)) continue;
      const left = words(node.textContent ?? '');
      if (left.length) found.push(`${where(parent)}: ${node.textContent?.trim()}`);
    }
    for (const element of Array.from(document.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))) {
      if (element.closest(skip)) continue;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const text = element.getAttribute(name);
        if (text && words(text).length) found.push(`${where(element)}[${name}]: ${text}`);
      }
    }
    // A title cannot mark the job's name as data: the page's own data is taken out of it.
    let title = document.title;
    for (const data of Array.from(document.querySelectorAll('[translate="no"]'))) {
      const text = data.textContent?.trim();
      if (text) title = title.split(text).join('');
    }
    if (words(title).length) found.push(`title: ${document.title}`);
    return found;
  }, productTerms);
}

for (const lang of ['en', 'zh'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test.describe(`${lang}, ${scheme} scheme`, () => {
      test.use({ colorScheme: scheme, locale: lang === 'zh' ? 'zh-CN' : 'en-US' });

      test('the form, its errors, the history, a job and the 404 page have no axe violation', async ({ page, baseURL }) => {
        /// axe's findings, and in Chinese also any English left, on the page as it is now.
        const check = async (what: string) => {
          expect.soft(await violations(page), what).toEqual([]);
          if (lang === 'zh') expect.soft(await englishLeft(page), `${what}: English left`).toEqual([]);
        };
        await page.goto('/');
        await hydrated(page);
        await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'en');
        await check('the form');

        await page.locator('.submit-row button.primary').click();
        await expect(page.locator('#error-summary')).toBeFocused();
        await check('the form with errors');

        // The job is made in English (the switch's cookie wins over the browser's language);
        // without the cookie the pages follow the browser again.
        const name = `axe_${lang}_${scheme}_${Date.now().toString(36)}`;
        await page.context().addCookies([{ name: 'lang', value: 'en', url: baseURL! }]);
        await createThroughTheForm(page, name, 'flink_queue');
        await page.context().clearCookies({ name: 'lang' });

        await page.goto('/jobs');
        await hydrated(page);
        await check('the history');

        await page.getByRole('link', { name }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
        await hydrated(page);
        await check('a job');

        const missing = await page.goto('/no/such/page');
        expect(missing?.status()).toBe(404);
        await hydrated(page);
        await check('the 404 page');
      });
    });
  }
}
