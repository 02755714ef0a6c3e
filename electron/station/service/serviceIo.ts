/** The service's own I/O outside the engine: a quick MongoDB check for Settings, and an order's file for the preview. */
import { MongoClient } from 'mongodb';
import type { ConnectionTestResult } from '../../../shared/stationApi';
import { estimatedOrderCount } from '../../db/collections';
import { readFile } from 'node:fs/promises';
import type { FetchOptions } from '../config';
import { fetchOrderFile as fetchPrintableFile } from '../files/fileFetch';
import { fileFetchOptionsFrom } from '../files/orderFile';

/**
 * Connects, pings and counts orders: what "Test connection" in Settings needs before saving. The answer is only
 * "reachable or not, and why" in plain words: the driver's own errors can tell whether a local file exists or what
 * a port says, and the console must not become a probe. Options that name local files are refused from the console.
 */
export async function testMongoConnection(uri: string, dbName: string): Promise<ConnectionTestResult> {
  const refused = mongoUriRefusal(uri);
  if (refused) return { ok: false, message: refused };
  let client: MongoClient | undefined;
  try {
    client = new MongoClient(uri, { serverSelectionTimeoutMS: 5_000, connectTimeoutMS: 5_000 });
    await client.connect();
    const db = client.db(dbName);
    await db.command({ ping: 1 });
    const ordersCount = await estimatedOrderCount(db);
    return { ok: true, message: `Connected. ${ordersCount} orders in ${dbName}.`, ordersCount };
  } catch (error) {
    return { ok: false, message: plainConnectionFailure(error) };
  } finally {
    await client?.close().catch(() => {});
  }
}

/** Options whose value is a path on this computer (the driver reads the file): tlsCAFile, sslKey, … */
const FILE_OPTION = /file$|^ssl(ca|cert|key|crl|pass)$/i;

/** Why the console may not test this URI, or undefined. Pure. */
export function mongoUriRefusal(uri: string): string | undefined {
  if (!/^mongodb(\+srv)?:\/\//i.test(uri.trim()))
    return 'Cannot connect: that is not a MongoDB connection string; it starts with mongodb:// or mongodb+srv://.';
  const query = uri.split('?')[1] ?? '';
  for (const pair of query.split('&')) {
    const name = decodeURIComponentSafe(pair.split('=')[0] ?? '');
    if (FILE_OPTION.test(name)) {
      return `The option ${name.replace(/[^\w.-]/g, '')} names a file on this computer; such options cannot be set from the console. Put certificates in the system's trust store.`;
    }
  }
  return undefined;
}

/** A driver error as one of a few plain reasons; never its text, which can carry paths, addresses and file contents. */
export function plainConnectionFailure(error: unknown): string {
  const texts: string[] = [];
  const seen = new Set<unknown>();
  const collect = (e: unknown, depth: number) => {
    if (!e || typeof e !== 'object' || seen.has(e) || depth > 4) return;
    seen.add(e);
    const err = e as {
      name?: unknown;
      message?: unknown;
      code?: unknown;
      cause?: unknown;
      reason?: { servers?: Map<string, { error?: unknown }> };
    };
    texts.push(`${String(err.name ?? '')} ${String(err.code ?? '')} ${String(err.message ?? '')}`);
    collect(err.cause, depth + 1);
    for (const server of err.reason?.servers?.values?.() ?? []) collect(server.error, depth + 1);
  };
  collect(error, 0);
  const all = texts.join(' | ');
  if (/MongoParseError|Invalid scheme|URI must include|Invalid connection string/i.test(all)) {
    return 'Cannot connect: that connection string is not valid; check it letter by letter (user, password, host, options).';
  }
  if (/ENOTFOUND|EAI_AGAIN|querySrv|querytxt/i.test(all))
    return "Cannot connect: the host name was not found (check the spelling, or this computer's DNS).";
  const codes = texts.map((t) => t.split(' ')[1]);
  if (codes.includes('18') || /Authentication failed|bad auth/i.test(all))
    return 'Cannot connect: the server answered but refused the user name or password.';
  if (/certificate|CERT_|SSL|TLS|handshake/i.test(all))
    return "Cannot connect: a secure (TLS) connection could not be made; check the tls options and the server's certificate.";
  if (codes.includes('13') || /not authorized/i.test(all))
    return 'Cannot connect: the server answered but this user may not read that database.';
  return 'Cannot connect: no MongoDB server answered at that address in time (check the address, the port and any firewall or IP allow-list).';
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The preview travels as base64 over IPC or the WebSocket: it stops at this size even if printing allows more. */
const MAX_PREVIEW_BYTES = 25 * 1024 * 1024;

/**
 * An order's file for the preview, through the printing fetcher (fileFetch.ts) with the station's own fetch
 * configuration: the same address policy, PDF check, redirects, timeouts and size limit (issue 9, item 5).
 */
export async function fetchOrderFile(
  url: string,
  fetch: Partial<FetchOptions> = {},
): Promise<{ contentType: string; base64: string; bytes: number }> {
  const options = fileFetchOptionsFrom(fetch);
  const file = await fetchPrintableFile(url, { ...options, maxBytes: Math.min(options.maxBytes ?? MAX_PREVIEW_BYTES, MAX_PREVIEW_BYTES) });
  try {
    const body = await readFile(file.path);
    return { contentType: 'application/pdf', base64: body.toString('base64'), bytes: body.length };
  } finally {
    await file.dispose();
  }
}
