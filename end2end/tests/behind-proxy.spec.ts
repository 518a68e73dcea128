// The portal as a team deploys it: under /flink behind Debian's nginx (configured from
// deploy/nginx), which passes the signed-in person; real credentials against a DLI simulator.
import { readFileSync } from 'node:fs';
import { createThroughTheForm, expect, hydrated, navigateTo, test } from '../harness/fixtures';
import { proxiedUser } from '../harness/nginx';

const proxy = () => process.env.PROXY_URL!;

test('through nginx under /flink: signed in, a job created, its creator in the history', async ({ page }) => {
  const name = `proxied_${Date.now().toString(36)}`;
  await createThroughTheForm(page, name, 'flink_queue', `${proxy()}/`);
  await expect(page).toHaveURL(new RegExp(`^${proxy()}/jobs/\\d+\\?created=1$`));
  await expect(page.locator('.dli-job-id')).toHaveText(/^\d+$/);
  await expect(page.locator('.who')).toHaveText(`Signed in as ${proxiedUser.name}`);
  await expect(page.locator('.banner-simulator')).toHaveCount(0);

  await navigateTo(page, 'History');
  await expect(page).toHaveURL(`${proxy()}/jobs`);
  const row = page.locator('table.history tbody tr', { hasText: name });
  await expect(row).toContainText(proxiedUser.name);

  await row.getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`^${proxy()}/jobs/\\d+$`));
  await hydrated(page);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.locator('.job-header .badge')).toHaveText('Running', { timeout: 20_000 });
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
  // A signed call to DLI of this test's own, so that the log below has one to give away.
  const created = await request.post(`${proxy()}/api/v1/jobs`, {
    data: {
      name: `secret_check_${Date.now().toString(36)}`, queue_name: 'flink_queue',
      entrypoint: 'obs://jobs-bucket/jars/app.jar', main_class: 'com.example.Main', cu_number: 2, parallel_number: 1,
    },
  });
  expect(created.status()).toBe(201);
  const createdPage = `/jobs/${(await created.json()).record_id}`;
  expect((await created.body()).includes(secret)).toBe(false);
  const refused = await request.post(`${proxy()}/api/v1/jobs`, { data: { name: 'bad name!' } });
  expect(refused.status()).toBe(422);
  expect((await refused.body()).includes(secret)).toBe(false);

  // The release build names its assets by content hash: take the names the pages give them, one
  // wasm bundle each for the form, the history and a job.
  const pages = await Promise.all(['/', '/jobs', createdPage].map(async (path) => (await request.get(`${proxy()}${path}`)).text()));
  const assets = [...new Set(pages.flatMap((html) => [...html.matchAll(/\/pkg\/(dli-portal(?:-history|-job)?(?:\.[\w-]+)?\.(?:js|wasm|css))\b/g)]
    .map((found) => `/pkg/${found[1]}`)))];
  expect(assets.map((asset) => asset.split('.').pop()).sort()).toEqual(['css', 'js', 'js', 'js', 'wasm', 'wasm', 'wasm']);
  const expected: Record<string, number> = {
    '/': 200, '/jobs': 200, [createdPage]: 200,
    '/jobs/999999': 404, '/no/such/page': 404, '/healthz': 200, '/readyz': 200, '/metrics': 200,
    ...Object.fromEntries(assets.map((asset) => [asset, 200])),
  };
  for (const [path, status] of Object.entries(expected)) {
    const response = await request.get(`${proxy()}${path}`);
    expect(response.status(), path).toBe(status);
    expect((await response.body()).includes(secret), path).toBe(false);
  }

  const log = readFileSync(process.env.PROXIED_PORTAL_LOG!, 'utf8');
  expect(log).toContain('DLI created the job');
  expect(log.includes(secret)).toBe(false);
});
