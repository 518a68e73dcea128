// The job form: every field filled, errors caught inline and summarised on submit, and the
// same form posted by a browser without JavaScript.
import { expect, hydrated, test } from '../harness/fixtures';
import type { Page } from '@playwright/test';

const longName = 'n'.repeat(58);

/** Opens a folded group of the form (a <details>) by its summary. */
async function unfold(page: Page, title: string) {
  const group = page.locator('details.group', { has: page.locator('summary', { hasText: title }) });
  if (!(await group.getAttribute('open'))) await group.locator('summary').click();
}

/** Fills every field that can be filled together (v1 resources, the basic Flink image). */
async function fillEveryField(page: Page, name: string) {
  await page.getByLabel('Job name', { exact: true }).fill(name);
  await page.getByLabel('Description').fill('Enriches orders with customer data');
  await page.getByLabel('Queue', { exact: true }).selectOption('flink_queue');
  await page.getByLabel('Main JAR').fill('obs://jobs-bucket/jars/enricher.jar');
  await page.getByLabel('Main class').fill('com.example.Enricher');
  await page.getByLabel('Arguments').fill('--window 60');
  await page.getByLabel('Dependency JARs 1', { exact: true }).fill('obs://jobs-bucket/libs/json.jar');
  await page.getByLabel('Dependency files 1', { exact: true }).fill('obs://jobs-bucket/libs/lookup.csv');
  await page.getByLabel('CUs', { exact: true }).fill('4');
  await page.getByLabel('JobManager CUs').fill('1');
  await page.getByLabel('Parallelism', { exact: true }).fill('3');
  await page.getByLabel('CUs per TaskManager').fill('1');
  await page.getByLabel('Slots per TaskManager', { exact: true }).fill('1');

  await unfold(page, 'Fault tolerance');
  await page.getByLabel('Restart on failure').check();
  await page.getByLabel('Resume from checkpoint').check();
  await page.getByLabel('Restarts per hour').fill('5');
  await page.getByLabel('Enable checkpoints').check();
  await page.getByLabel('Checkpoint mode').selectOption('2');
  await page.getByLabel('Checkpoint interval (s)').fill('30');
  await page.getByLabel('Checkpoint path').fill('obs://jobs-bucket/checkpoints/enricher');

  await unfold(page, 'Logs and alerts');
  await page.getByLabel('Save job logs to OBS').check();
  await page.getByLabel('Log bucket').fill('jobs-logs');
  await page.getByLabel('Alert topic').fill('flink-alerts');

  await unfold(page, 'Advanced');
  await page.getByLabel('Flink image').selectOption('basic');
  await page.getByLabel('Flink version').fill('1.15');
  await page.getByLabel('Option 1', { exact: true }).fill('taskmanager.memory.network.fraction');
  await page.getByLabel('Value 1', { exact: true }).fill('0.2');
  await page.getByLabel('Root log level').selectOption('WARN');
  await page.getByLabel('Logger 1', { exact: true }).fill('org.apache.flink');
  await page.getByLabel('Level 1', { exact: true }).selectOption('INFO');
  await page.getByLabel('Agency').fill('dli_execution_agency');
  await page.getByLabel('Tag key 1', { exact: true }).fill('team');
  await page.getByLabel('Tag value 1', { exact: true }).fill('data');
}

test('every field filled, a 58-character name caught on leaving it, the job created', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await fillEveryField(page, longName);

  const name = page.getByLabel('Job name', { exact: true });
  await name.focus();
  await name.blur();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#field-name-error')).toContainText('57');

  await name.fill('orders_enricher');
  await name.blur();
  await expect(name).toHaveAttribute('aria-invalid', 'false');

  const preview = page.locator('.request-json');
  await expect(preview).toContainText('"name": "orders_enricher"');
  await expect(preview).toContainText('"runtime_config": "[{\\"key\\":\\"taskmanager.memory.network.fraction\\"');

  await page.getByRole('button', { name: 'Create job' }).click();
  await expect(page).toHaveURL(/\/jobs\/\d+\?created=1$/);
  await expect(page.getByText('The job was created.')).toBeVisible();
  await expect(page.locator('.dli-job-id')).toHaveText(/^\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('orders_enricher');
});

test('a submit with errors lists them and moves focus to the list', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.getByRole('button', { name: 'Create job' }).click();
  const summary = page.locator('#error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Job name');
  await summary.getByRole('link', { name: /Main JAR/ }).click();
  await expect(page.getByLabel('Main JAR')).toBeFocused();
});

test('rows are added and removed in place by the server, the page and its typing kept', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  // A reload would forget this, and the name typed above the rows.
  await page.evaluate(() => { (window as unknown as { stayed: boolean }).stayed = true; });
  await page.getByLabel('Job name', { exact: true }).fill('rows_in_place');
  await unfold(page, 'Advanced');
  await page.getByLabel('Tag key 1', { exact: true }).fill('team');
  await page.getByRole('button', { name: 'Add tag' }).click();
  const second = page.getByLabel('Tag key 2', { exact: true });
  await expect(second).toBeFocused();
  await second.fill('owner');
  await page.getByRole('button', { name: 'Remove tag 1' }).click();
  const first = page.getByLabel('Tag key 1', { exact: true });
  await expect(first).toHaveValue('owner');
  await expect(first).toBeFocused();
  await expect(page.getByLabel('Tag key 2', { exact: true })).toHaveCount(0);
  // The rules see the rows as they are now: a key without its value is caught on leaving it.
  await first.blur();
  await page.getByLabel('Tag value 1', { exact: true }).focus();
  await page.getByLabel('Tag value 1', { exact: true }).blur();
  await expect(page.locator('.rows-editor .has-error')).not.toHaveCount(0);
  await expect(page.getByLabel('Job name', { exact: true })).toHaveValue('rows_in_place');
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});

test('a second submit while the create is on its way sends nothing more', async ({ page }) => {
  await page.goto('/');
  await hydrated(page);
  await page.getByLabel('Job name', { exact: true }).fill(`once_${Date.now().toString(36)}`);
  await page.getByLabel('Queue', { exact: true }).selectOption('flink_queue');
  await page.getByLabel('Main JAR').fill('obs://jobs-bucket/jars/app.jar');
  // The server's answer is held until the page has tried to submit a second time (a second
  // click or Enter, which the test cannot make while a navigation is pending).
  let posts = 0;
  let answer = () => {};
  const held = new Promise<void>((resolve) => { answer = resolve; });
  await page.exposeFunction('triedAgain', () => answer());
  await page.route((url) => url.pathname === '/', async (route) => {
    if (route.request().method() === 'POST') {
      posts += 1;
      await held;
    }
    await route.continue();
  });
  await page.evaluate(() => {
    const form = document.querySelector('form.job-form') as HTMLFormElement;
    form.addEventListener('submit', () => setTimeout(() => {
      form.requestSubmit();
      (window as unknown as { triedAgain: () => void }).triedAgain();
    }), { once: true });
  });

  await page.getByRole('button', { name: 'Create job' }).click();

  await expect(page.getByText('The job was created.')).toBeVisible();
  expect(posts).toBe(1);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every field filled, the long name refused by the server, fixed, the job created', async ({ page }) => {
    await page.goto('/');
    await fillEveryField(page, longName);
    await page.getByRole('button', { name: 'Create job' }).click();

    await expect(page.locator('#error-summary')).toContainText('Job name');
    const name = page.getByLabel('Job name', { exact: true });
    await expect(name).toHaveValue(longName);
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Agency')).toHaveValue('dli_execution_agency');

    await name.fill('orders_enricher_nojs');
    await page.getByRole('button', { name: 'Create job' }).click();

    await expect(page).toHaveURL(/\/jobs\/\d+\?created=1$/);
    await expect(page.getByText('The job was created.')).toBeVisible();
    await expect(page.locator('.dli-job-id')).toHaveText(/^\d+$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('orders_enricher_nojs');
  });

  test('a row is added by a round trip to the server', async ({ page }) => {
    await page.goto('/');
    await unfold(page, 'Advanced');
    await page.getByLabel('Tag key 1', { exact: true }).fill('team');
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect(page.getByLabel('Tag key 2', { exact: true })).toBeVisible();
    await expect(page.getByLabel('Tag key 1', { exact: true })).toHaveValue('team');
  });
});
