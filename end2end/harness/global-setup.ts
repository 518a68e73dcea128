// The processes every spec shares, started once and stopped by PID at the end:
// - a portal on its embedded defaults (PORTAL_URL);
// - the same deployment a team runs: the DLI simulator alone, with credentials the test knows
//   (so it can search for them), a portal under /flink with those credentials that trusts only
//   127.0.0.1, and Debian's nginx in front of it passing a fixed identity (PROXY_URL).
import { randomBytes } from 'node:crypto';
import { startNginx } from './nginx';
import { startPortal, startSimulator, stop } from './portal';

export const BASE_PATH = '/flink';

export default async function globalSetup() {
  const accessKey = `E2EAK${randomBytes(8).toString('hex').toUpperCase()}`;
  const secretKey = `e2e-sk-${randomBytes(20).toString('hex')}`;
  const portal = await startPortal();
  const simulator = await startSimulator(accessKey, secretKey);
  const proxied = await startPortal({
    PORTAL_BASE_PATH: BASE_PATH,
    PORTAL_TRUSTED_PROXIES: '127.0.0.1/32',
    HUAWEICLOUD_SDK_AK: accessKey,
    HUAWEICLOUD_SDK_SK: secretKey,
    DLI_ENDPOINT: simulator.url,
    HUAWEICLOUD_SDK_PROJECT_ID: '0f5e1a7c3b9d4e2a8c6b1d0e9f7a3c51',
  });
  const nginx = await startNginx(new URL(proxied.url).host, BASE_PATH);

  process.env.PORTAL_URL = portal.url;
  process.env.PROXY_URL = `${nginx.url}${BASE_PATH}`;
  process.env.PROXIED_PORTAL_LOG = proxied.logPath;
  process.env.E2E_SECRET_KEY = secretKey;
  return async () => {
    for (const running of [nginx, proxied, simulator, portal]) await stop(running);
  };
}
