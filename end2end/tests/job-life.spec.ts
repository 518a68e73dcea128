// A job's whole life behind nginx, as the signed-in person: edit a running job's parallelism
// (stop with a savepoint, update, start from it, followed live), compare two versions, roll
// back, stop three jobs at once from the history, and find all of it in the activity log. The
// same flows again without JavaScript, where they are forms (and a job stopped from its row).
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, hydrated, test } from '../harness/fixtures';
import { proxiedUser } from '../harness/nginx';

const proxy = () => process.env.PROXY_URL!;
const stamp = () => Date.now().toString(36);

/** Creates and starts a job through the JSON API behind nginx; its record id once it runs. */
async function runningJob(request: APIRequestContext, name: string): Promise<number> {
  const created = await request.post(`${proxy()}/api/v1/jobs`, {
    data: {
      name, queue_name: 'flink_queue', entrypoint: 'obs://jobs-bucket/jars/app.jar',
      main_class: 'com.example.Main', cu_number: 2, parallel_number: 1, start: true,
    },
  });
  expect(created.status()).toBe(201);
  const id = (await created.json()).record_id as number;
  await expect
    .poll(async () => (await (await request.get(`${proxy()}/api/v1/jobs/${id}`)).json()).summary.status, { timeout: 20_000 })
    .toBe('job_running');
  return id;
}

/** Without JavaScript nothing refreshes by itself: reload until `text` shows. */
async function reloadUntil(page: Page, locator: string, text: RegExp | string): Promise<void> {
  await expect
    .poll(async () => {
      await page.reload();
      return (await page.locator(locator).allTextContents()).join(' ');
    }, { timeout: 30_000, intervals: [500] })
    .toMatch(text);
}

test('edit a running job, compare versions, roll back, batch-stop three jobs, see it all in the activity', async ({ page, request }) => {
  const name = `life_${stamp()}`;
  const id = await runningJob(request, name);

  await page.goto(`${proxy()}/jobs/${id}`);
  await hydrated(page);
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Edit ${name}`);
  await hydrated(page);
  await page.getByLabel('Parallelism', { exact: true }).fill('2');
  await expect(page.locator('.restart-hint')).toContainText('Parallelism change only when it restarts');
  await expect(page.locator('.preview')).toContainText('"parallel_number": 2');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.locator('#form-problem')).toContainText('Parallelism');
  // The refusal comes back as the page: its script brings focus to it.
  await hydrated(page);
  await expect(page.locator('#form-problem')).toBeFocused();
  await page.getByRole('button', { name: 'Stop with a savepoint, update, start from the savepoint' }).click();

  await expect(page).toHaveURL(new RegExp(`/jobs/${id}\\?updated=\\d+$`));
  await hydrated(page);
  // Followed live: the steps go by without a reload, to the new version running.
  await expect(page.locator('.update h2')).toHaveText(/Update \d+ done/, { timeout: 30_000 });
  await expect(page.locator('.job-header .badge')).toHaveText('Running', { timeout: 20_000 });
  await expect(page.locator('table.versions tbody tr').first()).toContainText('2 (current)');

  await page.getByLabel('Compare', { exact: true }).selectOption('1');
  await page.getByLabel('with', { exact: true }).selectOption('2');
  await page.getByRole('button', { name: 'Compare' }).click();
  const diff = page.locator('table.diff');
  await expect(diff).toContainText('Parallelism');
  await expect(diff.locator('tbody tr')).toHaveCount(1);

  // The choice made in the select is what runs in place: refused while the job runs, then done.
  const whenRunning = page.getByLabel('If the job runs');
  await whenRunning.selectOption('refuse');
  await page.getByRole('button', { name: 'Roll back to version 1' }).click();
  const refusal = page.locator('section[aria-labelledby="versions-title"] [role="alert"]');
  await expect(refusal).toContainText('change only when it restarts');
  // The running job is followed: the refusal stays through the next refresh.
  await page.waitForResponse((answer) => answer.request().method() === 'GET' && new URL(answer.url()).pathname.endsWith(`/jobs/${id}`));
  await expect(refusal).toContainText('change only when it restarts');
  await whenRunning.selectOption('restart_from_savepoint');
  await page.getByRole('button', { name: 'Roll back to version 1' }).click();
  await expect(page.locator('table.versions tbody tr').first()).toContainText('3 (current)', { timeout: 30_000 });
  await expect(page.locator('table.versions tbody tr').first()).toContainText('rollback');
  await expect(page.locator('.job-header .badge')).toHaveText('Running', { timeout: 30_000 });

  const batch = [`batch_a_${stamp()}`, `batch_b_${stamp()}`, `batch_c_${stamp()}`];
  for (const job of batch) await runningJob(request, job);
  await page.goto(`${proxy()}/jobs`);
  await hydrated(page);
  for (const job of batch) await page.getByRole('checkbox', { name: `Select ${job}` }).check();
  // A job created meanwhile comes in at the top with a refresh; the ticks stay on their jobs.
  const newcomer = `newcomer_${stamp()}`;
  await runningJob(request, newcomer);
  await expect(page.getByRole('checkbox', { name: `Select ${newcomer}` })).not.toBeChecked({ timeout: 10_000 });
  for (const job of batch) await expect(page.getByRole('checkbox', { name: `Select ${job}` })).toBeChecked();
  await page.getByRole('button', { name: 'Stop (with savepoint)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stop 3 jobs');
  for (const job of batch) await expect(page.locator('.batch-jobs')).toContainText(job);
  await expect(page.locator('.batch-jobs')).not.toContainText(newcomer);
  await hydrated(page);
  await page.getByRole('button', { name: 'Stop 3 jobs' }).click();
  await expect(page.locator('.batch-results h2')).toHaveText('Done for 3 of 3');

  await page.goto(`${proxy()}/activity`);
  await hydrated(page);
  const rows = page.locator('table.events tbody tr');
  // The rows of `job`'s events whose action reads exactly `action`.
  const events = (job: string, action: string) =>
    rows.filter({ hasText: job }).filter({ has: page.locator('td.action', { hasText: new RegExp(`^${action.replace(/[()]/g, '\\$&')}$`) }) });
  await expect(events(name, 'Update')).toHaveCount(1);
  await expect(events(name, 'Roll back')).toHaveCount(1);
  for (const job of batch) {
    const stopped = events(job, 'Stop (batch, with a savepoint)');
    await expect(stopped).toHaveCount(1);
    await expect(stopped).toContainText(proxiedUser.name);
  }
  await page.getByLabel('Action', { exact: true }).selectOption('rollback');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/action=rollback/);
  await expect(rows.filter({ hasText: name })).toHaveCount(1);
  await expect(rows.filter({ hasText: batch[0] })).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the edit, its restart, the diff, a rollback and a batch stop work as plain forms', async ({ page, request }) => {
    const name = `nojs_life_${stamp()}`;
    const id = await runningJob(request, name);

    await page.goto(`${proxy()}/jobs/${id}/edit`);
    await page.getByLabel('Parallelism', { exact: true }).fill('3');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.locator('#form-problem')).toContainText('Parallelism');
    await expect(page.getByLabel('Parallelism', { exact: true })).toHaveValue('3');
    await page.getByRole('button', { name: 'Stop with a savepoint, update, start from the savepoint' }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${id}\\?updated=\\d+$`));
    await reloadUntil(page, '.update h2', /Update \d+ done/);
    await reloadUntil(page, '.job-header .badge', 'Running');

    await page.getByLabel('Compare', { exact: true }).selectOption('1');
    await page.getByLabel('with', { exact: true }).selectOption('2');
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect(page).toHaveURL(/from=1&to=2/);
    await expect(page.locator('table.diff')).toContainText('Parallelism');

    await page.getByRole('button', { name: 'Roll back to version 1' }).click();
    await expect(page).toHaveURL(new RegExp(`/jobs/${id}`));
    await reloadUntil(page, 'table.versions tbody tr:first-child', /3 \(current\)/);

    const batch = [`nojs_a_${stamp()}`, `nojs_b_${stamp()}`, `nojs_c_${stamp()}`];
    for (const job of batch) await runningJob(request, job);
    await page.goto(`${proxy()}/jobs`);
    for (const job of batch) await page.getByRole('checkbox', { name: `Select ${job}` }).check();
    await page.getByRole('button', { name: 'Stop (with savepoint)' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stop 3 jobs');
    await page.getByRole('button', { name: 'Stop 3 jobs' }).click();
    await expect(page.locator('.batch-results h2')).toHaveText('Done for 3 of 3');

    await page.goto(`${proxy()}/activity?action=stop`);
    for (const job of batch) {
      await expect(page.locator('table.events tbody tr', { hasText: job })).toContainText(proxiedUser.name);
    }

    // A running job's own row stops it: a plain post to the server function under /flink,
    // which sends the browser back to the history.
    const single = `nojs_row_${stamp()}`;
    await runningJob(request, single);
    await page.goto(`${proxy()}/jobs`);
    await page.getByRole('button', { name: `Stop ${single}` }).click();
    await expect(page).toHaveURL(new RegExp(`${proxy()}/jobs`));
    await reloadUntil(page, `table.history tbody tr:has-text("${single}") .badge`, 'Stopped');
  });
});
