/**
 * The engine applies the file policy to real orders (issue 9, items 6 and 7): a refused file fails the order as
 * invalid_data at once, with a sentence that says what was refused and a print_logs entry, and never a retry.
 * No test here connects anywhere but loopback: refused addresses are refused before a connection is opened.
 */
import { startFileServer, type FileServer } from '../helpers/fileServer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopSimulator } from '../../electron/headless/shopSimulator';
import { openTestDatabase } from '../helpers/db';
import { cleanupAfterEach, createFixtureStation, freshDatabase, tempDir, waitFor } from './stationFixture';

const t = await openTestDatabase('station_file_limits');
const cleanup = cleanupAfterEach();
const SECRET = 'ADMIN-TOKEN-51c0';
let admin: FileServer;
let adminUrl: string;
let adminRequests = 0;

beforeAll(async () => {
  admin = await startFileServer((_req, res) => {
    adminRequests += 1;
    res.writeHead(500, `Internal ${SECRET}`).end(SECRET);
  });
  adminUrl = `${admin.base}/admin/keys`;
});

afterAll(async () => {
  await admin.close();
});

async function setup(label: string, fetch: Record<string, unknown>) {
  const { db, dbName, drop } = await freshDatabase(t, label);
  const shop = await startShopSimulator({ db });
  const s = createFixtureStation({ uri: t.uri, dbName, name: label, printerRoot: tempDir(label), printers: [{ name: 'P' }], fetch });
  cleanup.push(
    drop,
    () => shop.stop(),
    () => s.engine.stop('test over'),
  );
  await s.engine.start();
  const settled = (orderId: string) =>
    waitFor(`order ${orderId} failed`, async () => {
      const o = await db.collection('orders').findOne({ orderId });
      return o?.printStatus === 'failed' && o;
    });
  // The outcome's print_logs entry is written after the order's status: wait for it, never read it once.
  const logged = (orderId: string, match: (l: Record<string, unknown>) => boolean) =>
    waitFor(`a matching print_logs entry for ${orderId}`, async () =>
      (await db.collection('print_logs').find({ orderId }).toArray()).some(match),
    );
  return { shop, db, settled, logged };
}

describe('order files the station refuses', () => {
  it('a file URL on loopback or the cloud metadata address fails as invalid_data, naming what was refused', async () => {
    const { shop, settled, logged } = await setup('policy', { allowPrivateNetworks: false });
    const asked = adminRequests;
    const own = await shop.createOrder({ fileURL: adminUrl });
    const metadata = await shop.createOrder({ fileURL: 'http://169.254.169.254/latest/meta-data/iam/' });

    const o1 = await settled(own.orderId);
    expect(o1.printErrorCode).toBe('invalid_data');
    expect(o1.printError).toContain('points to a loopback address (127.0.0.1)');
    expect(adminRequests).toBe(asked);
    const o2 = await settled(metadata.orderId);
    expect(o2.printError).toContain('points to a link-local address (169.254.169.254)');
    expect(o2.printAttempt).toBe(1);
    expect(await logged(metadata.orderId, (l) => l.newStatus === 'failed' && String(l.reason).includes('link-local'))).toBe(true);
  });

  it('what a server answered never reaches printError beyond its status code', async () => {
    const { shop, db } = await setup('answer', { allowedHosts: ['127.0.0.1'] });
    const { orderId } = await shop.createOrder({ fileURL: adminUrl });
    // A 500 is retried later as network; the order keeps the sentence of its last try.
    const o = await waitFor('the first try recorded', async () => {
      const doc = await db.collection('orders').findOne({ orderId });
      return doc?.printError && doc;
    });
    expect(o.printErrorCode).toBe('network');
    expect(o.printError).toBe(`The file at ${adminUrl} answered 500.`);
    expect(JSON.stringify(o)).not.toContain(SECRET);
  });

  it('an order with more files than the limit fails as invalid_data before anything is downloaded', async () => {
    const { shop, settled, logged } = await setup('many', { maxFilesPerOrder: 5 });
    const files = Array.from({ length: 6 }, (_, i) => ({ url: shop.fileUrl('good', i + 1) }));
    const before = [...shop.requests.values()].reduce((a, b) => a + b, 0);
    const { orderId } = await shop.createOrder({ files });
    const o = await settled(orderId);
    expect(o.printErrorCode).toBe('invalid_data');
    expect(o.printError).toBe(`Order ${orderId} has 6 files; this station prints at most 5 files in one order (fetch.maxFilesPerOrder).`);
    expect([...shop.requests.values()].reduce((a, b) => a + b, 0)).toBe(before);
    expect(await logged(orderId, (l) => l.newStatus === 'failed')).toBe(true);
  });
});
