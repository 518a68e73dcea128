// The `test` every spec imports: pages start at the portal that global-setup started, and a
// test fails if the wasm panicked on any of its pages (an island that stopped hydrating leaves
// the page looking right but dead); `hydrated` waits until the wasm has run on the
// server-rendered page; and the steps several specs share.
import { test as base, expect, type Page } from '@playwright/test';

export const test = base.extend({
  baseURL: async ({}, use) => {
    await use(process.env.PORTAL_URL);
  },
  page: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

/// Creates a job with only the required fields through the form at `home`, and waits for DLI's answer.
export async function createThroughTheForm(page: Page, name: string, queue: string, home = '/'): Promise<void> {
  await page.goto(home);
  await hydrated(page);
  await page.getByLabel('Job name', { exact: true }).fill(name);
  await page.getByLabel('Queue', { exact: true }).selectOption(queue);
  await page.getByLabel('Main JAR').fill('obs://jobs-bucket/jars/app.jar');
  await page.getByRole('button', { name: 'Create job' }).click();
  await expect(page.getByText('The job was created.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

/// Follows a link of the header's navigation.
export async function navigateTo(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label }).click();
}

export { expect };
