// One chromium tab whose page loads are measured through the DevTools protocol: the bytes the
// page's requests brought over the wire (the sum of `Network.loadingFinished`'s
// encodedDataLength), how many went to the network rather than the cache, the Content-Encodings
// they came with, and when the page was hydrated (`<html data-hydrated="true">`), in ms from
// navigation start. A page's load is what it requested until it was hydrated: requests sent
// after that (live status refresh) are its life, not its weight.
import type { BrowserContext, CDPSession, Page } from '@playwright/test';

export interface Load {
  bytes: number;
  requests: number;
  hydratedMs: number;
  encodings: Set<string>;
}

interface Request {
  /** Epoch milliseconds, comparable with the page's `performance.timeOrigin`. */
  sentAt: number;
  bytes: number;
  done: boolean;
  fromCache: boolean;
  encoding: string;
}

// Runs in every document before its own scripts; the observer fires in the same task as the
// wasm's `setAttribute`, so the time is the hydration's, not the time the bench looked.
const HYDRATION_CLOCK = `(() => {
  new MutationObserver(() => {
    if (window.__hydratedAt === undefined && document.documentElement.dataset.hydrated === 'true') {
      window.__hydratedAt = performance.now();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
})();`;

const SETTLE_TIMEOUT_MS = 30_000;

export class MeasuredPage {
  private requests = new Map<string, Request>();
  private wake: () => void = () => {};

  private constructor(
    private readonly page: Page,
    cdp: CDPSession,
  ) {
    cdp.on('Network.requestWillBeSent', (event) => {
      // A redirect reuses the request id: the request was sent at its first hop.
      if (this.requests.has(event.requestId)) return;
      this.requests.set(event.requestId, {
        sentAt: event.wallTime * 1000,
        bytes: 0,
        done: false,
        fromCache: false,
        encoding: '',
      });
    });
    cdp.on('Network.requestServedFromCache', (event) => this.update(event.requestId, { fromCache: true }));
    cdp.on('Network.responseReceived', (event) => {
      const { response } = event;
      const header = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'content-encoding');
      this.update(event.requestId, {
        encoding: header ? String(header[1]) : 'identity',
        fromCache: response.fromDiskCache || response.fromPrefetchCache || response.fromServiceWorker,
      });
    });
    cdp.on('Network.loadingFinished', (event) => this.update(event.requestId, { bytes: event.encodedDataLength, done: true }));
    cdp.on('Network.loadingFailed', (event) => this.update(event.requestId, { done: true }));
  }

  /** A new tab in `context`; with `cacheDisabled` every load goes to the network. */
  static async open(context: BrowserContext, { cacheDisabled }: { cacheDisabled: boolean }): Promise<MeasuredPage> {
    const page = await context.newPage();
    await page.addInitScript(HYDRATION_CLOCK);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled });
    return new MeasuredPage(page, cdp);
  }

  visit(url: string): Promise<Load> {
    return this.measure(() => this.page.goto(url, { waitUntil: 'commit' }));
  }

  reload(): Promise<Load> {
    return this.measure(() => this.page.reload({ waitUntil: 'commit' }));
  }

  private update(requestId: string, change: Partial<Request>): void {
    const request = this.requests.get(requestId);
    if (!request) return; // sent before this measurement began
    Object.assign(request, change);
    this.wake();
  }

  private async measure(navigate: () => Promise<unknown>): Promise<Load> {
    this.requests.clear();
    await navigate();
    await this.page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached', timeout: SETTLE_TIMEOUT_MS });
    const { timeOrigin, hydratedAt } = await this.page.evaluate(() => ({
      timeOrigin: performance.timeOrigin,
      hydratedAt: (window as unknown as { __hydratedAt: number }).__hydratedAt,
    }));
    const hydratedAtEpoch = timeOrigin + hydratedAt;
    const load = () => [...this.requests.values()].filter((request) => request.sentAt <= hydratedAtEpoch);
    await this.until(() => load().every((request) => request.done));
    const network = load().filter((request) => !request.fromCache);
    return {
      bytes: network.reduce((sum, request) => sum + request.bytes, 0),
      requests: network.length,
      hydratedMs: hydratedAt,
      encodings: new Set(network.map((request) => request.encoding)),
    };
  }

  /** Resolves once `done()` holds, re-checking at every network event. */
  private async until(done: () => boolean): Promise<void> {
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('the page load did not finish in 30 s');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}
