import { startShopSimulator } from '../../electron/headless/shopSimulator';
import type { TestDatabase } from '../helpers/db';
import { startTcpProxyForUri } from '../helpers/tcpProxy';
import { freshDatabase } from './stationFixture';

/**
 * The link tests' print room: a fresh database with the shop simulator placing orders straight into it, and a TCP
 * proxy in front of it (`proxy.uri`) that the test cuts and restores under the station. Undone after the test.
 */
export async function shopBehindProxy(t: TestDatabase, cleanup: Array<() => Promise<unknown>>, label: string) {
  const { db, dbName, drop } = await freshDatabase(t, label);
  const shop = await startShopSimulator({ db });
  const proxy = await startTcpProxyForUri(t.uri);
  cleanup.push(
    drop,
    () => shop.stop(),
    () => proxy.close(),
  );
  return { db, dbName, shop, proxy };
}
