// The portal as a team deploys it: under /flink behind Debian's nginx (configured from
// deploy/nginx), which passes the signed-in person; real credentials against a DLI simulator.
import { readFileSync } from 'node:fs';
import { expect, hydrated, test } from '../harness/fixtures';
import { proxiedUser } from '../harness/nginx';

const proxy = () => process.env.PROXY_URL!;

test('through nginx under /flink: signed in, a job created, its creator in the history', async ({ page }) => {
  const name = `proxied_${Date.now().toString(36)}`;
  await page.goto(`${proxy()}/`);
  await hydrated(page);
  await expect(page.locator('.who')).toHaveText(`Signed in as ${proxiedUser.name}`);
  await expect(page.locator('.banner-simulator')).toHaveCount(0);

  await page.getByLabel('Job name', { exact: true }).fill(name);
  await page.getByLabel('Queue', { exact: true }).selectOption('flink_queue');
  await page.getByLabel('Main JAR').fill('obs://jobs-bucket/jars/app.jar');
  await page.getByRole('button', { name: 'Create job' }).click();
  await expect(page.locator('#created .dli-job-id')).toHaveText(/^\d+$/);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await expect(page).toHaveURL(`${proxy()}/jobs`);
  const row = page.locator('table.history tbody tr', { hasText: name });
  await expect(row).toContainText(proxiedUser.name);

  await row.getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`^${proxy()}/jobs/\\d+$`));
  await hydrated(page);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.locator('dl.facts .badge')).toHaveText('Running', { timeout: 20_000 });
});

test('the page carries a nonce CSP and hydrates under it, with no violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  const response = await page.goto(`${proxy()}/jobs`);
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toMatch(/script-src[^;]*'nonce-[A-Za-z0-9+/=_-]+'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("frame-ancestors 'none'");
  await hydrated(page);
  expect(violations).toEqual([]);
});

test('the secret key appears in no page, asset, answer or log line', async ({ request }) => {
  const secret = process.env.E2E_SECRET_KEY!;
  const seen: string[] = [];
  for (const path of ['/', '/jobs', '/jobs/1', '/no/such/page', '/pkg/dli-portal.js', '/pkg/dli-portal.wasm', '/pkg/dli-portal.css', '/healthz', '/readyz', '/metrics']) {
    const response = await request.get(`${proxy()}${path}`);
    const body = await response.body();
    expect(body.includes(secret), path).toBe(false);
    seen.push(`${path} ${response.status()}`);
  }
  const refused = await request.post(`${proxy()}/api/v1/jobs`, { data: { name: 'bad name!' } });
  expect(refused.status()).toBe(422);
  expect((await refused.body()).includes(secret)).toBe(false);

  const log = readFileSync(process.env.PROXIED_PORTAL_LOG!, 'utf8');
  expect(log).toContain('DLI created the job');
  expect(log.includes(secret)).toBe(false);
  expect(seen).toContain('/pkg/dli-portal.wasm 200');
});
