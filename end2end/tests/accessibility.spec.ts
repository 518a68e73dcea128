// axe-core (injected into the page) on every kind of page a person meets: the form, the form
// with its errors shown, the history with jobs, a job and the 404 page, in the light and the
// dark scheme. WCAG 2.0–2.2 A and AA and axe's best practices: no violation.
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

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} scheme`, () => {
    test.use({ colorScheme: scheme });

    test('the form, its errors, the history, a job and the 404 page have no axe violation', async ({ page }) => {
      await page.goto('/');
      await hydrated(page);
      expect.soft(await violations(page), 'the form').toEqual([]);

      await page.getByRole('button', { name: 'Create job' }).click();
      await expect(page.locator('#error-summary')).toBeFocused();
      expect.soft(await violations(page), 'the form with errors').toEqual([]);

      const name = `axe_${scheme}_${Date.now().toString(36)}`;
      await createThroughTheForm(page, name, 'flink_queue');
      await page.goto('/jobs');
      await hydrated(page);
      expect.soft(await violations(page), 'the history').toEqual([]);

      await page.getByRole('link', { name }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
      await hydrated(page);
      expect.soft(await violations(page), 'a job').toEqual([]);

      const missing = await page.goto('/no/such/page');
      expect(missing?.status()).toBe(404);
      await hydrated(page);
      expect.soft(await violations(page), 'the 404 page').toEqual([]);
    });
  });
}
