// The job page's request JSON: once the page is live, Copy puts exactly that JSON on the
// clipboard and says so; without JavaScript nothing could copy, so no button is offered.
import { createThroughTheForm, expect, hydrated, test } from '../harness/fixtures';

test('Copy puts the request sent to DLI on the clipboard, and only where it can', async ({ page, browser, baseURL }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const name = `copy_${Date.now().toString(36)}`;
  await createThroughTheForm(page, name, 'flink_queue');
  await page.goto('/jobs');
  await page.getByRole('link', { name }).click();
  await hydrated(page);
  const jobPage = page.url();

  await page.getByText("The request's JSON").click();
  const copy = page.getByRole('button', { name: 'Copy' });
  await copy.click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Copied to the clipboard.' })).toBeAttached();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await page.locator('.request-json').textContent());
  expect(JSON.parse(copied).name).toBe(name);

  const withoutJs = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const plain = await withoutJs.newPage();
  await plain.goto(jobPage);
  await plain.getByText("The request's JSON").click();
  await expect(plain.locator('.request-json')).toBeVisible();
  await expect(plain.getByRole('button', { name: 'Copy' })).toBeHidden();
  await withoutJs.close();
});
