// The app shell: the home page renders and hydrates, the header's navigation works without a
// full page load, and an unknown address gets the 404 page.
import { expect, hydrated, navigateTo, test } from '../harness/fixtures';

test('the home page renders and hydrates', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New Flink Jar job');
  await hydrated(page);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('the navigation reaches History and back without a full page load', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  // A full page load would wipe this marker; client-side navigation keeps it.
  await page.evaluate(() => ((window as unknown as { stayedOnPage: boolean }).stayedOnPage = true));

  await navigateTo(page, 'History');
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
  await expect(page.getByRole('link', { name: 'History' })).toHaveAttribute('aria-current', 'page');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New job' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New Flink Jar job');

  expect(await page.evaluate(() => (window as unknown as { stayedOnPage?: boolean }).stayedOnPage)).toBe(true);
});

test('an unknown URL shows the 404 page with status 404', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await hydrated(page);
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New Flink Jar job');
});
