// The history: jobs created through the form are listed, filtered, followed live on their
// own page (start, stop) and copied back into the form; an action that does not go through.
import { createThroughTheForm, expect, hydrated, navigateTo, test } from '../harness/fixtures';

test('two jobs in the history, filtered, one started and stopped live, then copied', async ({ page }) => {
  const stamp = Date.now().toString(36);
  const first = `clicks_${stamp}`;
  const second = `orders_${stamp}`;
  await createThroughTheForm(page, first, 'flink_queue');
  await createThroughTheForm(page, second, 'flink_queue_2');

  await navigateTo(page, 'History');
  await hydrated(page);
  const rows = page.locator('table.history tbody tr');
  await expect(rows.filter({ hasText: first })).toHaveCount(1);
  await expect(rows.filter({ hasText: second })).toHaveCount(1);
  await expect(rows.first()).toContainText(second);
  // A row offers the one action its status allows, and runs it in place.
  const secondRow = rows.filter({ hasText: second });
  await secondRow.getByRole('button', { name: `Start ${second}` }).click();
  await expect(secondRow.locator('.badge')).toHaveText('Running', { timeout: 20_000 });
  await secondRow.getByRole('button', { name: `Stop ${second}` }).click();
  await expect(secondRow.locator('.badge')).toHaveText('Stopped', { timeout: 20_000 });
  await expect(secondRow.getByRole('button', { name: `Start ${second}` })).toBeVisible();

  // How long ago, in the reader's words, with the moment in local time on hover.
  const created = rows.first().locator('time');
  await expect(created).toHaveText(/ago$/);
  await expect(created).toHaveAttribute('title', /\d{4}|\d{1,2}:\d{2}/);
  await expect(created).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);

  // The summary counts every job by group; a group is a link that filters by it.
  const summary = page.getByRole('navigation', { name: 'Jobs by status' });
  await expect(summary.getByRole('link', { name: /^Stopped \d+$/ })).toBeVisible();
  await summary.getByRole('link', { name: /^Stopped \d+$/ }).click();
  await expect(page).toHaveURL(/group=stopped/);
  await expect(summary.getByRole('link', { name: /^Stopped \d+$/ })).toHaveAttribute('aria-current', 'true');
  await expect(rows.filter({ hasText: first })).toHaveCount(1);

  await page.getByLabel('Name contains').fill(`clicks_${stamp}`);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`name=clicks_${stamp}`));
  await expect(rows).toHaveCount(1);
  await page.getByLabel('Queue').selectOption('flink_queue_2');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByText('No job matches these filters.')).toBeVisible();

  await page.goto(`/jobs?name=clicks_${stamp}`);
  await hydrated(page);
  await page.getByRole('link', { name: first }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(first);
  await hydrated(page);
  // A reload would wipe this marker: the status must change in place.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
  const status = page.locator('.job-header .badge');
  await expect(status).toHaveText('Created, not started');

  // While the job starts, the page follows it; what the reader opened and where the focus
  // was stay as they were.
  const deleteFold = page.getByText('Delete…');
  await page.getByRole('button', { name: 'Start' }).click();
  await deleteFold.click();
  await expect(status).toHaveText('Running', { timeout: 20_000 });
  await expect(deleteFold).toBeFocused();
  await expect(page.locator('details.confirm')).toHaveAttribute('open', '');
  await deleteFold.click();
  // A running job offers Stop, and says why Start is not offered.
  await expect(page.getByRole('button', { name: 'Start' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveClass('primary');
  await expect(page.locator('#actions-why')).toHaveText('Start returns once the job has stopped.');
  // The option goes with the stop run in place, as it would with the form posted.
  await page.getByLabel('with a savepoint').check();
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(status).toHaveText('Stopped', { timeout: 20_000 });
  await expect(page.locator('table.events')).toContainText('Stop (with a savepoint)');
  await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Stop' })).toBeDisabled();
  const timeline = page.locator('ol.timeline');
  await expect(timeline).toContainText('job_init');
  await expect(timeline).toContainText('job_running');
  await expect(timeline).toContainText('job_cancel_success');
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);

  await page.getByRole('link', { name: 'Create a copy' }).click();
  await expect(page.getByText('A copy of')).toBeVisible();
  await expect(page.getByLabel('Job name', { exact: true })).toHaveValue(first);
  await expect(page.getByLabel('Queue', { exact: true })).toHaveValue('flink_queue');
});

test('an action that does not go through says so, and can be tried again', async ({ page }) => {
  const name = `unanswered_${Date.now().toString(36)}`;
  await createThroughTheForm(page, name, 'flink_queue');
  await page.goto('/jobs');
  await page.getByRole('link', { name }).click();
  await hydrated(page);
  const jobPage = new URL(page.url()).pathname;
  const start = page.getByRole('button', { name: 'Start' });

  await page.route('**/api/start_job', (route) => route.abort());
  await start.click();
  const failed = page.getByRole('status').filter({ hasText: 'The action did not go through.' });
  await expect(failed).toBeVisible();
  await expect(start).toBeEnabled();
  // The job is followed (DLI may still start it): the message outlives the next refresh.
  await page.waitForResponse((answer) => answer.request().method() === 'GET' && new URL(answer.url()).pathname === jobPage);
  await expect(failed).toBeVisible();
  await expect(page.locator('.job-header .badge')).toHaveText('Created, not started');

  await page.unroute('**/api/start_job');
  await start.click();
  await expect(page.locator('.job-header .badge')).toHaveText('Running', { timeout: 20_000 });
});
