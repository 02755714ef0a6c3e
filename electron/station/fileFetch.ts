/**
 * Downloads an order's file to a temp file and checks it is worth sending to a printer (DESIGN §6).
 * Built on node:http(s) rather than fetch because it gives a separate connect timeout without extra packages;
 * one deadline covers the whole download (every redirect hop and the body), so a server that trickles bytes
 * (slow-loris) cannot hold a printer forever.
 *
 * Every failure is a PrintFailure: `network` when trying again later can help (timeouts, refused, reset, 5xx,
 * 408/429), `invalid_data` when it cannot (404 and other 4xx, not a PDF, too small or too large, bad URL,
 * host not allowed, redirect loop). The temp folder is removed on every failure and by `dispose()`.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PrintFailure } from '../printing/driver';
import { countPdfPages } from '../printing/pdfPages';

export interface FileFetchOptions {
  /** Where temp folders are made. Default: the OS temp dir. */
  tempDir?: string;
  /** Time to open the TCP connection, per hop. Default 10 s. */
  connectTimeoutMs?: number;
  /** Time for the whole download, redirects included. Default 120 s. */
  totalTimeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  /** Default 100 MB. */
  maxBytes?: number;
  /** Anything smaller cannot hold a printable page. Default 100 bytes. */
  minBytes?: number;
  /** When set, only these hosts (exact, or `.example.com` for a domain and its subdomains). Checked on every hop. */
  allowedHosts?: string[];
  /** Pages are counted only up to this size, since counting loads the whole file. Default 20 MB. */
  countPagesUpToBytes?: number;
  /** Stops the download (station shutdown); it fails as `network`, so the order goes back to pending. */
  signal?: AbortSignal;
}

export interface FetchedFile {
  path: string;
  bytes: number;
  /** Undefined when the PDF was too big to count cheaply or its page tree could not be read. */
  pageCount?: number;
  /** The URL the file finally came from, after redirects. */
  finalUrl: string;
  /** Removes the temp file; safe to call twice. */
  dispose(): Promise<void>;
}

const MB = 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const sizeText = (bytes: number) => (bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${bytes} bytes`);

export async function fetchOrderFile(url: string, options: FileFetchOptions = {}): Promise<FetchedFile> {
  const o = {
    connectTimeoutMs: 10_000,
    totalTimeoutMs: 120_000,
    maxRedirects: 5,
    maxBytes: 100 * MB,
    minBytes: 100,
    countPagesUpToBytes: 20 * MB,
    ...options,
  };
  const folder = await mkdtemp(join(o.tempDir ?? tmpdir(), 'print-station-'));
  const dispose = () => rm(folder, { recursive: true, force: true });
  const deadline = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    deadline.abort();
  }, o.totalTimeoutMs);
  const onCallerAbort = () => deadline.abort();
  o.signal?.addEventListener('abort', onCallerAbort, { once: true });
  if (o.signal?.aborted) deadline.abort();
  const path = join(folder, 'order.pdf');
  let current = url;
  try {
    const response = await followRedirects(url, o, deadline.signal, (u) => (current = u));
    const bytes = await saveBody(response, path, current, o, deadline.signal);
    const pageCount = bytes <= o.countPagesUpToBytes ? await countPdfPages(path) : undefined;
    return { path, bytes, pageCount, finalUrl: current, dispose };
  } catch (error) {
    await dispose();
    if (error instanceof PrintFailure) throw error;
    if (timedOut) {
      throw new PrintFailure('network', `The file at ${current} did not finish downloading within ${seconds(o.totalTimeoutMs)}.`, { cause: error });
    }
    if (o.signal?.aborted) throw new PrintFailure('network', `The download of ${current} was stopped by the station.`, { cause: error });
    throw networkFailure(current, error);
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onCallerAbort);
  }
}

type Options = Required<Omit<FileFetchOptions, 'tempDir' | 'allowedHosts' | 'signal'>> & FileFetchOptions;

function checkUrl(raw: string, o: Options): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new PrintFailure('invalid_data', `The order's file address "${raw}" is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new PrintFailure('invalid_data', `The order's file address ${raw} is not http(s); only web addresses can be downloaded.`);
  }
  const host = url.hostname.toLowerCase();
  if (o.allowedHosts && !o.allowedHosts.some((h) => (h.startsWith('.') ? host === h.slice(1) || host.endsWith(h) : host === h.toLowerCase()))) {
    throw new PrintFailure('invalid_data', `The file at ${raw} is on host ${host}, which is not among the allowed hosts (${o.allowedHosts.join(', ')}).`);
  }
  return url;
}

async function followRedirects(start: string, o: Options, signal: AbortSignal, visit: (url: string) => void) {
  let url = checkUrl(start, o);
  for (let hop = 0; ; hop++) {
    visit(url.href);
    const response = await requestOnce(url, o, signal);
    const status = response.statusCode ?? 0;
    if (REDIRECTS.has(status)) {
      response.resume();
      const location = response.headers.location;
      if (!location) throw new PrintFailure('invalid_data', `The file at ${url.href} answered ${status} without saying where to go.`);
      if (hop >= o.maxRedirects) {
        throw new PrintFailure('invalid_data', `The file at ${start} redirects more than ${o.maxRedirects} times (a redirect loop?).`);
      }
      url = checkUrl(new URL(location, url).href, o);
      continue;
    }
    if (status >= 200 && status < 300) return response;
    response.resume();
    const answer = `The file at ${url.href} answered ${status} ${response.statusMessage ?? ''}`.trimEnd();
    // 5xx, 408 and 429 are the server's trouble of the moment; other 4xx will not change by trying again.
    const transient = status >= 500 || status === 408 || status === 429;
    throw new PrintFailure(transient ? 'network' : 'invalid_data', `${answer}.`);
  }
}

function requestOnce(url: URL, o: Options, signal: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    const request = client.get(url, { signal, agent: false, headers: { 'user-agent': 'PrintStation', accept: 'application/pdf' } });
    request.on('socket', (socket) => {
      if (!socket.connecting) return;
      const timer = setTimeout(() => {
        request.destroy(new PrintFailure('network', `Could not connect to ${url.host} within ${seconds(o.connectTimeoutMs)} (${url.href}).`));
      }, o.connectTimeoutMs);
      socket.once('connect', () => clearTimeout(timer));
      socket.once('close', () => clearTimeout(timer));
    });
    request.once('response', resolve);
    request.once('error', reject);
  });
}

async function saveBody(response: http.IncomingMessage, path: string, url: string, o: Options, signal: AbortSignal) {
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > o.maxBytes) {
    response.destroy();
    throw tooLarge(url, o.maxBytes);
  }
  let bytes = 0;
  let head = Buffer.alloc(0);
  const check = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > o.maxBytes) return done(tooLarge(url, o.maxBytes));
      if (head.length < 5) {
        head = Buffer.concat([head, chunk.subarray(0, 5 - head.length)]);
        if (head.length === 5 && head.toString('latin1') !== '%PDF-') return done(notPdf(url, head));
      }
      done(null, chunk);
    },
  });
  await pipeline(response, check, createWriteStream(path), { signal });
  if (head.length < 5 && bytes > 0 && !'%PDF-'.startsWith(head.toString('latin1'))) throw notPdf(url, head);
  if (bytes < o.minBytes) {
    throw new PrintFailure('invalid_data', `The file at ${url} is only ${sizeText(bytes)}, too small to be a printable PDF.`);
  }
  return bytes;
}

function tooLarge(url: string, maxBytes: number) {
  return new PrintFailure('invalid_data', `The file at ${url} is larger than the ${sizeText(maxBytes)} limit.`);
}

function notPdf(url: string, head: Buffer) {
  const start = head.toString('latin1').replace(/[^\x20-\x7e]/g, '?');
  return new PrintFailure('invalid_data', `The file at ${url} is not a PDF (it starts with "${start}", not "%PDF-").`);
}

function networkFailure(url: string, error: unknown): PrintFailure {
  const code = (error as NodeJS.ErrnoException)?.code;
  const why =
    code === 'ECONNREFUSED' ? 'refused the connection'
    : code === 'ECONNRESET' || code === 'EPIPE' ? 'broke off the connection'
    : code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? 'could not be found (DNS)'
    : code === 'ETIMEDOUT' ? 'did not answer in time'
    : code === 'ERR_STREAM_PREMATURE_CLOSE' ? 'closed the connection before the file was complete'
    : `failed: ${(error as Error)?.message ?? String(error)}`;
  return new PrintFailure('network', `The server for ${url} ${why}${code ? ` (${code})` : ''}.`, { cause: error });
}
