/** The service's own I/O outside the engine: a quick MongoDB check for Settings, and an order's file for the preview. */
import { MongoClient } from 'mongodb';
import type { ConnectionTestResult } from '../../shared/stationApi';
import { readFile } from 'node:fs/promises';
import type { FetchOptions } from './config';
import { fetchOrderFile as fetchPrintableFile } from './fileFetch';
import { fileFetchOptionsFrom } from './orderFile';

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

/** The preview travels as base64 over IPC or the WebSocket: it stops at this size even if printing allows more. */
const MAX_PREVIEW_BYTES = 25 * 1024 * 1024;

/**
 * An order's file for the preview, through the printing fetcher (fileFetch.ts) with the station's own fetch
 * configuration: the same address policy, PDF check, redirects, timeouts and size limit (issue 9, item 5).
 */
export async function fetchOrderFile(url: string, fetch: Partial<FetchOptions> = {}): Promise<{ contentType: string; base64: string; bytes: number }> {
  const options = fileFetchOptionsFrom(fetch);
  const file = await fetchPrintableFile(url, { ...options, maxBytes: Math.min(options.maxBytes ?? MAX_PREVIEW_BYTES, MAX_PREVIEW_BYTES) });
  try {
    const body = await readFile(file.path);
    return { contentType: 'application/pdf', base64: body.toString('base64'), bytes: body.length };
  } finally {
    await file.dispose();
  }
}
