// Screenshots of each page in the light and the dark scheme (and in Chinese), at 1280×900 and the history also at
// 375 px wide, written to end2end/screenshots/ (ignored by git) for people to look at: the README
// shows copies of them. It asserts that each page is the one meant, and that the history fits
// a phone's width.
import { createThroughTheForm, expect, hydrated, test } from '../harness/fixtures';
import type { Page } from '@playwright/test';

const folder = `${__dirname}/../screenshots`;

async function shoot(page: Page, name: string): Promise<void> {
  await hydrated(page);
  await page.screenshot({ path: `${folder}/${name}.png`, fullPage: true });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every page in the ${scheme} scheme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 900 });
    const name = `shot_${scheme}_${Date.now().toString(36)}`;
    await createThroughTheForm(page, name, 'flink_queue');
    await shoot(page, `job-created-${scheme}`);

    await page.goto('/');
    await page.getByRole('button', { name: 'Create job' }).click();
    await expect(page.locator('#error-summary')).toBeVisible();
    await shoot(page, `form-errors-${scheme}`);

    await page.goto('/jobs');
    await expect(page.getByRole('link', { name })).toBeVisible();
    await shoot(page, `history-${scheme}`);
    await page.setViewportSize({ width: 375, height: 800 });
    // Rows become cards: nothing runs off the side of a phone's screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await shoot(page, `history-375-${scheme}`);
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await shoot(page, `job-${scheme}`);

    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await shoot(page, `not-found-${scheme}`);
  });
}

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });

  test('the form, the history and a job', async ({ page, baseURL }) => {
    // The job is made in English (the switch's cookie), then every page follows the browser.
    const name = `shot_zh_${Date.now().toString(36)}`;
    await page.context().addCookies([{ name: 'lang', value: 'en', url: baseURL! }]);
    await createThroughTheForm(page, name, 'flink_queue');
    await page.context().clearCookies({ name: 'lang' });

    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await shoot(page, 'form-zh');
    await page.goto('/jobs');
    await expect(page.getByRole('link', { name })).toBeVisible();
    await shoot(page, 'history-zh');
    await page.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await shoot(page, 'job-zh');
  });
});
