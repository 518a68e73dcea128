import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './harness/chromium';

// The browser tests (`make test`). The page-weight bench has a config of its own (bench/).
export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: 'list',
  // Starts the release server on a free loopback port; its teardown stops it by PID.
  globalSetup: './harness/global-setup.ts',
  use: {
    // The portal answers in the browser's language: the tests read English unless they ask.
    locale: 'en-US',
    trace: 'retain-on-failure',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
});
