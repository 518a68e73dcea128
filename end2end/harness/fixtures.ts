// The `test` every spec imports: pages start at the portal that global-setup started, and
// `hydrated` waits until the wasm has taken over the server-rendered page.
import { test as base, expect, type Page } from '@playwright/test';

export const test = base.extend({
  baseURL: async ({}, use) => {
    await use(process.env.PORTAL_URL);
  },
});

export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
}

export { expect };
