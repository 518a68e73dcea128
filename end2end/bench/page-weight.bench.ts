// `make bench`'s page-weight run (issue 13): the release portal on a free loopback port with one
// job in its history, Debian's chromium loading `/`, `/jobs` and that job's page five times each
// with the cache off and brotli accepted, then `/` again with the cache on (a second visit: a
// reload), and the three pages in turn with the cache on (a first tour: each kind of page
// fetches its own wasm bundle once). Prints one table of medians and the built assets' sizes. It asserts nothing: the
// figures are for people to compare, and vary with the machine's load.
import { test, type Browser } from '@playwright/test';
import { join } from 'node:path';
import { repoRoot, startPortal, stop } from '../harness/portal';
import { assetSizeTable } from './asset-sizes';
import { grouped, median, table } from './format';
import { MeasuredPage, type Load } from './measured-page';

const RUNS = 5;
// What a browser sends over HTTPS; Chromium offers brotli to plain-HTTP origins only if asked.
const ACCEPT_BROTLI = { 'accept-encoding': 'gzip, deflate, br' };

/** Creates one job (not started) through the JSON API, so that the history and its page have data. */
async function createJob(portal: string): Promise<number> {
  const response = await fetch(`${portal}/api/v1/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: `page_weight_${Date.now().toString(36)}`,
      queue_name: 'flink_queue',
      entrypoint: 'obs://jobs-bucket/jars/app.jar',
      main_class: 'com.example.Main',
      cu_number: 2,
      parallel_number: 1,
    }),
  });
  if (response.status !== 201) throw new Error(`creating the job: ${response.status} ${await response.text()}`);
  return (await response.json()).record_id;
}

/** `RUNS` loads, each in a fresh browser context (no cookies, no cache from the run before). */
async function loads(browser: Browser, cacheDisabled: boolean, load: (page: MeasuredPage) => Promise<Load>): Promise<Load[]> {
  const measured: Load[] = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ extraHTTPHeaders: ACCEPT_BROTLI });
    try {
      measured.push(await load(await MeasuredPage.open(context, { cacheDisabled })));
    } finally {
      await context.close();
    }
  }
  return measured;
}

function row(label: string, measured: Load[]): string[] {
  const encodings = new Set(measured.flatMap((load) => [...load.encodings]));
  return [
    label,
    grouped(median(measured.map((load) => load.bytes))),
    `${grouped(Math.min(...measured.map((load) => load.bytes)))}–${grouped(Math.max(...measured.map((load) => load.bytes)))}`,
    String(median(measured.map((load) => load.requests))),
    grouped(median(measured.map((load) => load.hydratedMs))),
    [...encodings].sort().join(', '),
  ];
}

test('page weight', async ({ browser }) => {
  const portal = await startPortal();
  try {
    const job = await createJob(portal.url);
    const rows: string[][] = [];
    for (const path of ['/', '/jobs', `/jobs/${job}`]) {
      rows.push(row(`${path} (cache off)`, await loads(browser, true, (page) => page.visit(`${portal.url}${path}`))));
    }
    const secondVisits = await loads(browser, false, async (page) => {
      await page.visit(`${portal.url}/`);
      return page.reload();
    });
    rows.push(row('/ second visit (reload, cache on)', secondVisits));
    const tours = await loads(browser, false, async (page) => {
      const visits: Load[] = [];
      for (const path of ['/', '/jobs', `/jobs/${job}`]) visits.push(await page.visit(`${portal.url}${path}`));
      return {
        bytes: visits.reduce((sum, visit) => sum + visit.bytes, 0),
        requests: visits.reduce((sum, visit) => sum + visit.requests, 0),
        hydratedMs: visits.reduce((sum, visit) => sum + visit.hydratedMs, 0),
        encodings: new Set(visits.flatMap((visit) => [...visit.encodings])),
      };
    });
    rows.push(row('/, /jobs, a job in turn (cache on, summed)', tours));

    console.log(`\nPage weight: chromium ${browser.version()}, loopback, median of ${RUNS} loads each\n`);
    console.log(
      table(['page', 'bytes transferred', 'min–max', 'requests', 'hydrated (ms)', 'content-encodings'], rows),
    );
    console.log(`\n${assetSizeTable(join(repoRoot, 'target/site/pkg'))}\n`);
  } finally {
    await stop(portal);
  }
});
