/**
 * The headless web console: the built renderer over HTTP and the StationApi over one WebSocket (`/api`).
 * Binds to 127.0.0.1 unless told otherwise, and anywhere else only with a token. The socket refuses foreign
 * origins and foreign Host headers, so a web page the operator happens to open cannot drive the printers.
 * `GET /metrics` (Prometheus text format) follows the same rules: the token (as `Authorization: Bearer` or
 * `?token=`) when there is one, and on loopback only loopback Host names.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { WsRequest, type StationPush, type WsServerFrame } from '../../shared/stationApi';
import { contentSecurityPolicy } from '../shell/csp';
import type { StationApiService } from '../station/service/stationApiService';
import type { StationMetrics } from '../station/housekeeping/prometheus';

export interface WebConsoleOptions {
  host?: string;
  port?: number;
  token?: string;
  staticDir?: string;
  /** Where socket and protocol errors are reported (the station log's warn); a few lines a minute at most. */
  log?: (message: string) => void;
  /** The station's figures for `GET /metrics`; without them the path answers 404. */
  metrics?: StationMetrics;
}

export interface WebConsole {
  /** The address to open, with `?token=` when there is one: for a browser or the terminal, never for a log. */
  url: string;
  /** The same address without the token: what logs and status lines show. */
  address: string;
  close(): Promise<void>;
}

const DEFAULT_STATIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out/renderer');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

/** Why these console options are refused, or undefined: checked before the station starts anything. */
export function consoleOptionsProblem(options: Pick<WebConsoleOptions, 'host' | 'port' | 'token'>): string | undefined {
  const host = options.host ?? '127.0.0.1';
  if (!host.trim()) return 'The web console needs an address to bind to (--web-host).';
  if (!LOOPBACK.has(host) && !options.token) {
    return `The web console binds to ${host} only with a token (anyone on that network could drive the printers): add --web-token.`;
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return `The web console port must be a whole number from 0 to 65535, not ${String(options.port)}.`;
  return undefined;
}

export async function startWebConsole(service: StationApiService, options: WebConsoleOptions = {}): Promise<WebConsole> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token;
  const problem = consoleOptionsProblem(options);
  if (problem) throw new Error(problem);
  const staticDir = path.resolve(options.staticDir ?? DEFAULT_STATIC_DIR);
  const report = rateLimited(options.log ?? (() => {}));

  const server = createServer((req, res) => {
    const serve =
      requestTarget(req.url)?.pathname === '/metrics'
        ? serveMetrics(options.metrics, host, token, req, res)
        : serveStatic(staticDir, req, res);
    serve.catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // A client that never finishes its request headers does not hold a socket for Node's default minute.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  // Without these listeners an 'error' event is thrown, and one bad peer would stop the station.
  sockets.on('error', (error) => report(`Web console: ${error.message}`));
  server.on('upgrade', (req, socket, head) => {
    // Node hands the raw socket over without its own error listener: a reset peer must not throw.
    socket.on('error', () => socket.destroy());
    const url = requestTarget(req.url);
    if (!url) return refuseUpgrade(socket, '400 Bad Request');
    if (url.pathname !== '/api' || !upgradeAllowed(req, url, host, token)) return refuseUpgrade(socket, '403 Forbidden');
    sockets.handleUpgrade(req, socket, head, (ws) => serveApi(service, ws, report));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  server.on('error', (error) => report(`Web console: ${error.message}`));
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const address = `http://${shownHost}:${port}/`;

  return {
    url: token ? `${address}?token=${encodeURIComponent(token)}` : address,
    address,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The request target as a URL on this server, or null when it is not one (`//`, `http://x`, garbage). */
function requestTarget(raw: string | undefined): URL | null {
  if (!raw?.startsWith('/') || raw.startsWith('//')) return null;
  try {
    return new URL(raw, 'http://console.invalid');
  } catch {
    return null;
  }
}

function refuseUpgrade(socket: Duplex, status: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  // The peer has a second to read the answer; then the socket goes whatever it does.
  setTimeout(() => socket.destroy(), 1_000).unref();
}

/** Passes at most `perMinute` lines a minute to `log`, then says how many it held back. */
function rateLimited(log: (message: string) => void, perMinute = 20): (message: string) => void {
  let windowStart = 0;
  let passed = 0;
  let held = 0;
  return (message) => {
    const now = Date.now();
    if (now - windowStart > 60_000) {
      if (held) log(`Web console: ${held} more socket error(s) in the last minute not logged one by one`);
      windowStart = now;
      passed = 0;
      held = 0;
    }
    if (passed < perMinute) {
      passed += 1;
      log(message.replace(/[\x00-\x1f\x7f]/g, ' ').slice(0, 300));
    } else held += 1;
  };
}

function upgradeAllowed(req: IncomingMessage, url: URL, host: string, token: string | undefined): boolean {
  if (token && !sameSecret(url.searchParams.get('token') ?? '', token)) return false;
  if (!hostAllowed(req, host)) return false;
  // A page may only open the socket from this console's own origin. `null` (sandboxed iframe, file:, data:) and an
  // origin that is not a URL are foreign by definition.
  const origin = req.headers.origin;
  if (origin !== undefined && originHost(origin) !== req.headers.host) return false;
  return true;
}

/** DNS rebinding: on loopback only loopback names are ours. */
function hostAllowed(req: IncomingMessage, host: string): boolean {
  const hostHeader = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return !LOOPBACK.has(host) || LOOPBACK.has(hostHeader);
}

/**
 * A Prometheus scrape. The token comes as `Authorization: Bearer` (what a scrape job's `authorization` sends) or as
 * `?token=` like the socket's; no CORS headers, so another origin's page cannot read the answer either.
 */
async function serveMetrics(
  metrics: StationMetrics | undefined,
  host: string,
  token: string | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const text = { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
  if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { ...text, Allow: 'GET, HEAD' }).end();
  if (!hostAllowed(req, host)) return void res.writeHead(403, text).end('Forbidden');
  if (token) {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const given = bearer ?? requestTarget(req.url)?.searchParams.get('token') ?? '';
    if (!sameSecret(given, token)) {
      return void res.writeHead(401, { ...text, 'WWW-Authenticate': 'Bearer realm="print-station"' }).end('The console token is required.');
    }
  }
  if (!metrics) return void res.writeHead(404, text).end('This console serves no metrics.');
  const body = await metrics.scrape();
  res.writeHead(200, { ...text, 'Content-Type': metrics.contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

function originHost(origin: string): string | undefined {
  try {
    const parsed = new URL(origin);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.host : undefined;
  } catch {
    return undefined;
  }
}

/** Compares in constant time (hashes first, so lengths do not leak either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function serveApi(service: StationApiService, ws: WebSocket, report: (message: string) => void): void {
  // A protocol error (too big, bad UTF-8, bad opcode, unmasked frame) is this peer's problem: ws sends the close
  // frame and ends the socket itself (terminating here could drop the 101 answer still in the write buffer); the
  // listener only has to exist and say it once.
  ws.on('error', (error) => report(`Web console: closed a socket after a protocol error: ${error.message}`));
  const send = (frame: WsServerFrame) => {
    if (ws.readyState !== ws.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(frame);
    } catch (error) {
      if (!('id' in frame)) return;
      text = JSON.stringify({ id: frame.id, ok: false, error: `The answer could not be sent: ${errorMessage(error)}` });
    }
    ws.send(text, (error) => error && ws.terminate());
  };
  const unsubscribe = service.subscribe((push: StationPush) => send({ push }));
  ws.on('close', unsubscribe);
  ws.on('message', async (data, isBinary) => {
    let request: WsRequest;
    try {
      if (isBinary) throw new Error('binary frame');
      request = WsRequest.parse(JSON.parse(String(data)));
    } catch {
      ws.close(1003, 'malformed request');
      return;
    }
    try {
      send({ id: request.id, ok: true, result: await service.invoke(request.method, request.params, service.clientId(ws)) });
    } catch (error) {
      send({ id: request.id, ok: false, error: errorMessage(error) });
    }
  });
  service.invoke('snapshot', {}).then(
    (snapshot) => send({ push: { type: 'snapshot', snapshot } }),
    () => {},
  );
}

/** An error as one line for the operator, whatever was thrown. */
function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 2_000 ? `${text.slice(0, 2_000)}…` : text;
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const pathname = decodedPath(req.url);
  if (pathname === null) {
    res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request');
    return;
  }
  let file = path.resolve(root, `.${pathname}`);
  if (!file.startsWith(root + path.sep) && file !== root) {
    res.writeHead(403).end();
    return;
  }
  let info = await stat(file).catch(() => null);
  if (!info || info.isDirectory()) {
    // The UI is one page: unknown paths get index.html.
    file = path.join(root, 'index.html');
    info = await stat(file).catch(() => null);
  }
  const headers = {
    'Content-Security-Policy': contentSecurityPolicy(),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
  if (!info) {
    res.writeHead(503, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('The operator UI is not built. Run: npm run build:renderer');
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream', 'Content-Length': info.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function decodedPath(raw: string | undefined): string | null {
  const url = requestTarget(raw);
  if (!url) return null;
  try {
    const pathname = decodeURIComponent(url.pathname);
    return pathname.includes('\0') ? null : pathname;
  } catch {
    return null;
  }
}
