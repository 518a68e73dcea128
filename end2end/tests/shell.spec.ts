// The app shell: the home page renders and hydrates, the header's navigation reaches each page
// (an ordinary page load) and marks the current one, and an unknown address gets the 404 page.
import { expect, hydrated, navigateTo, test } from '../harness/fixtures';

test('the home page renders and hydrates', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New Flink Jar job');
  await hydrated(page);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('the navigation reaches History and back, marking where the reader is', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'New job' })).toHaveAttribute('aria-current', 'page');

  // Pages are server-rendered and links are ordinary page loads (islands hydrate on each page).
  await navigateTo(page, 'History');
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('History');
  await expect(page).toHaveTitle('History · DLI portal');
  await expect(nav.getByRole('link', { name: 'History' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'New job' })).not.toHaveAttribute('aria-current', 'page');
  await hydrated(page);

  await nav.getByRole('link', { name: 'New job' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New Flink Jar job');
  await hydrated(page);
  // The form is live again after the load: a bad name is flagged as the reader leaves it.
  await page.getByLabel('Job name', { exact: true }).fill('bad name!');
  await page.getByLabel('Description').focus();
  await expect(page.locator('#field-name-error')).not.toBeEmpty();
});

test('an unknown URL shows the 404 page with status 404', async ({ page }) => {
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await hydrated(page);
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New Flink Jar job');
});
