// Starts and stops release builds of the portal (and of its DLI simulator, run alone) for
// browser tests: 127.0.0.1 only, free ports, throwaway SQLite files; stopped by their PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../..');
const serverBinary = join(repoRoot, 'target/release/server');

export interface Running {
  url: string;
  process: ChildProcess;
  /** Everything the process printed. */
  logPath: string;
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

/** The environment without any DLI setting of the developer's: each process gets its own. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('HUAWEICLOUD_SDK_') || key.startsWith('DLI_') || key.startsWith('PORTAL_') || key === 'DATABASE_URL') {
      delete env[key];
    }
  }
  return { ...env, RUST_LOG: 'info', ...extra };
}

async function startServer(args: string[], env: Record<string, string>, healthPath: string, port: number): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'dli-portal-e2e-'));
  const logPath = join(dir, 'server.log');
  const log = createWriteStream(logPath);
  const child = spawn(serverBinary, args, { env: cleanEnv({ ...env, DATABASE_URL: `sqlite://${dir}/portal.db` }), stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilHealthy(`${url}${healthPath}`, child, logPath);
  return { url, process: child, logPath };
}

/** A portal on its embedded defaults (built-in simulator), plus `env`. */
export async function startPortal(env: Record<string, string> = {}): Promise<Running> {
  const port = await freePort();
  const base = env.PORTAL_BASE_PATH ?? '';
  return startServer(
    [],
    { PORTAL_LISTEN: `127.0.0.1:${port}`, LEPTOS_SITE_ROOT: join(repoRoot, 'target/site'), PORTAL_POLL_INTERVAL_MS: '500', ...env },
    `${base}/healthz`,
    port,
  );
}

/** `server simulate`: the DLI simulator alone, accepting these credentials. */
export async function startSimulator(accessKey: string, secretKey: string): Promise<Running> {
  const port = await freePort();
  return startServer(
    ['simulate', '--listen', `127.0.0.1:${port}`],
    { HUAWEICLOUD_SDK_AK: accessKey, HUAWEICLOUD_SDK_SK: secretKey },
    '/_sim/counts',
    port,
  );
}

/** Polls `url` until it answers 2xx (30 s at most), or the process exits. */
export async function waitUntilHealthy(url: string, child: ChildProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${url}: the process exited with ${child.exitCode}; see ${logPath}`);
    }
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 400) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer in 30 s; see ${logPath}`);
}

export async function stop(running: { process: ChildProcess }): Promise<void> {
  const child = running.process;
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(child.pid, 'SIGTERM');
  await exited;
}
