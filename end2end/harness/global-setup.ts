// One portal for the whole run; tests reach it through PORTAL_URL (see fixtures.ts).
import { startPortal, stopPortal } from './portal';

export default async function globalSetup() {
  const portal = await startPortal();
  process.env.PORTAL_URL = portal.url;
  process.env.PORTAL_DATA_DIR = portal.dataDir;
  return async () => stopPortal(portal);
}
