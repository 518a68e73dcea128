// Starts and stops a release build of the portal for browser tests: 127.0.0.1 only, a free
// port, a throwaway SQLite file, the built-in DLI simulator; stopped by its PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../..');

export interface RunningPortal {
  url: string;
  process: ChildProcess;
  dataDir: string;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** The environment with every DLI credential removed, so the portal uses its simulator. */
function envWithoutCredentials(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('HUAWEICLOUD_SDK_') || key.startsWith('DLI_') || key === 'DATABASE_URL') {
      delete env[key];
    }
  }
  return { ...env, ...extra };
}

export async function startPortal(extraEnv: Record<string, string> = {}): Promise<RunningPortal> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'dli-portal-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const log = createWriteStream(join(dataDir, 'server.log'));
  const child = spawn(join(repoRoot, 'target/release/server'), [], {
    env: envWithoutCredentials({
      PORTAL_LISTEN: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: join(repoRoot, 'target/site'),
      DATABASE_URL: `sqlite://${dataDir}/portal.db`,
      RUST_LOG: 'info',
      PORTAL_POLL_INTERVAL_MS: '500',
      ...extraEnv,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  await waitUntilHealthy(url, child, join(dataDir, 'server.log'));
  return { url, process: child, dataDir };
}

async function waitUntilHealthy(url: string, child: ChildProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the portal exited with ${child.exitCode}; see ${logPath}`);
    }
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the portal did not become healthy in 30 s; see ${logPath}`);
}

export async function stopPortal(portal: RunningPortal): Promise<void> {
  const { process: child } = portal;
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(child.pid, 'SIGTERM');
  await exited;
}
