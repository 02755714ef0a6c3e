import { startShopSimulator } from '../../electron/headless/shopSimulator';
import type { TestDatabase } from '../helpers/db';
import { startTcpProxyForUri } from '../helpers/tcpProxy';
import { freshDatabase } from './stationFixture';

type Cleanup = Array<() => Promise<unknown>>;

/** A fresh database with the shop simulator placing orders straight into it. Undone after the test. */
export async function freshShop(t: TestDatabase, cleanup: Cleanup, label: string) {
  const { db, dbName, drop } = await freshDatabase(t, label);
  const shop = await startShopSimulator({ db });
  cleanup.push(drop, () => shop.stop());
  return { db, dbName, shop };
}

/**
 * The link tests' print room: a fresh shop (freshShop) and a TCP proxy in front of its database (`proxy.uri`) that
 * the test cuts and restores under the station. Undone after the test.
 */
export async function shopBehindProxy(t: TestDatabase, cleanup: Cleanup, label: string) {
  const fresh = await freshShop(t, cleanup, label);
  const proxy = await startTcpProxyForUri(t.uri);
  cleanup.push(() => proxy.close());
  return { ...fresh, proxy };
}
