// The language: a page follows the browser's language until the reader chooses English or 中文
// in the header; the server then renders the choice, over a reload and on every page. In
// Chinese the form's island checks the form in the browser and says what is wrong in Chinese.
import { expect, hydrated, test } from '../harness/fixtures';
import type { Page } from '@playwright/test';

const CHINESE = /[\u4e00-\u9fff]/;

async function choose(page: Page, language: 'English' | '中文'): Promise<void> {
  const switcher = page.getByRole('group', { name: /^(Language|语言)$/ });
  await switcher.getByRole('button', { name: language }).click();
  await expect(switcher.getByRole('button', { name: language })).toHaveAttribute('aria-pressed', 'true');
}

test.describe('a browser that prefers Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('gets Chinese pages, and the form says what is wrong in Chinese', async ({ page }) => {
    await page.goto('/');
    await hydrated(page);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '作业历史' })).toBeVisible();

    // Checked by the island in the browser: no request is made.
    await page.locator('.submit-row button.primary').click();
    const summary = page.locator('#error-summary');
    await expect(summary).toBeFocused();
    await expect(summary).toContainText(CHINESE);
    await expect(summary).not.toContainText('Give the job a name');
  });

  test('English, once chosen, is kept over a reload and on other pages', async ({ page }) => {
    const here = '/jobs?status=RUNNING';
    await page.goto(here);
    await hydrated(page);
    await choose(page, 'English');
    await expect(page).toHaveURL(new RegExp(`${here.replace('?', '\\?')}$`));
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).not.toContainText(CHINESE);

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.goto('/activity');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

    await choose(page, '中文');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('中文 turns an English page Chinese and back', async ({ page }) => {
    await page.goto('/jobs');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await choose(page, '中文');
    await expect(page).toHaveURL(/\/jobs$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toContainText(CHINESE);
    await choose(page, 'English');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  });
});
