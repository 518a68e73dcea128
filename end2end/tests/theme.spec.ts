// The theme: the page follows the device until the reader chooses Light, Dark or System in the
// header; the server then renders the choice (no flash) and it survives a reload. The toggle is
// a plain form, so it works the same with and without JavaScript.
import { expect, hydrated, test } from '../harness/fixtures';
import type { Page } from '@playwright/test';

// --bg of each palette in style/main.css, as getComputedStyle reports it.
const LIGHT = 'rgb(255, 255, 255)';
const DARK = 'rgb(13, 17, 23)';

async function bodyBackground(page: Page): Promise<string> {
  return page.evaluate(() => getComputedStyle(document.body).backgroundColor);
}

async function choose(page: Page, theme: 'Light' | 'Dark' | 'System'): Promise<void> {
  const toggle = page.getByRole('group', { name: 'Theme' });
  await toggle.getByRole('button', { name: theme }).click();
  await expect(toggle.getByRole('button', { name: theme })).toHaveAttribute('aria-pressed', 'true');
}

/** Dark chosen on a page with a query, kept over a reload and on other pages, then System again. */
async function switchesAndRemembers(page: Page, javaScript: boolean): Promise<void> {
  await page.emulateMedia({ colorScheme: 'light' });
  const here = '/jobs?status=RUNNING';
  await page.goto(here);
  if (javaScript) await hydrated(page);
  expect(await bodyBackground(page)).toBe(LIGHT);

  await choose(page, 'Dark');
  await expect(page).toHaveURL(new RegExp(`${here.replace('?', '\\?')}$`));
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bodyBackground(page)).toBe(DARK);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await bodyBackground(page)).toBe(DARK);
  await page.goto('/activity');
  expect(await bodyBackground(page)).toBe(DARK);

  // System follows the device again: light here.
  await choose(page, 'System');
  expect(await bodyBackground(page)).toBe(LIGHT);
}

test('without a choice the page follows the device', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
  expect(await bodyBackground(page)).toBe(DARK);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await bodyBackground(page)).toBe(LIGHT);
});

test('Light wins over a dark device', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await choose(page, 'Light');
  expect(await bodyBackground(page)).toBe(LIGHT);
});

test('with JavaScript, Dark brings the reader back to the same page, dark, and is remembered', async ({ page }) => {
  await switchesAndRemembers(page, true);
});

test('the toggle buttons are targets of at least 24 by 24 pixels', async ({ page }) => {
  await page.goto('/');
  for (const button of await page.getByRole('group', { name: 'Theme' }).getByRole('button').all()) {
    const box = await button.boundingBox();
    expect(box?.width).toBeGreaterThanOrEqual(24);
    expect(box?.height).toBeGreaterThanOrEqual(24);
  }
});

test('keyboard focus is drawn in the accent colour of either theme', async ({ page }) => {
  await page.goto('/');
  for (const [theme, accent] of [['Light', 'rgb(11, 87, 208)'], ['Dark', 'rgb(68, 147, 248)']] as const) {
    await choose(page, theme);
    // The first stop of the keyboard: the skip link.
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
    });
    expect(outline).toBe(`solid 2px ${accent}`);
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('Dark brings the reader back to the same page, dark, and is remembered', async ({ page }) => {
    await switchesAndRemembers(page, false);
  });
});
