// `make bench`'s page-weight run, in a config of its own so that `make test`'s Playwright run
// (../playwright.config.ts, testDir ./tests) never picks it up. It measures; it asserts nothing.
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../harness/chromium';

export default defineConfig({
  testDir: '.',
  testMatch: 'page-weight.bench.ts',
  // 3 pages x 5 cold loads, plus the second visits, on a busy 2-core machine.
  timeout: 600_000,
  workers: 1,
  retries: 0,
  reporter: 'list',
  use: { launchOptions: chromiumLaunchOptions },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
