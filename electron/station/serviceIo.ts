/** The service's own I/O outside the engine: a quick MongoDB check for Settings, and an order's file for the preview. */
import { MongoClient } from 'mongodb';
import type { ConnectionTestResult } from '../../shared/stationApi';

/** Connects, pings and counts orders: what "Test connection" in Settings needs before saving. */
export async function testMongoConnection(uri: string, dbName: string): Promise<ConnectionTestResult> {
  let client: MongoClient | undefined;
  try {
    client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000, connectTimeoutMS: 5_000 });
    await client.connect();
    const db = client.db(dbName);
    await db.command({ ping: 1 });
    const ordersCount = await db.collection('orders').estimatedDocumentCount();
    return { ok: true, message: `Connected. ${ordersCount} orders in ${dbName}.`, ordersCount };
  } catch (error) {
    return { ok: false, message: `Cannot connect: ${(error as Error).message}` };
  } finally {
    await client?.close().catch(() => {});
  }
}

const MAX_PREVIEW_BYTES = 25 * 1024 * 1024;

export async function fetchOrderFile(url: string): Promise<{ contentType: string; base64: string; bytes: number }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  if (!response.ok) throw new Error(`The order's file answered ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_PREVIEW_BYTES) throw new Error('The file is too large to preview');
  return { contentType: response.headers.get('content-type') ?? 'application/pdf', base64: body.toString('base64'), bytes: body.length };
}
