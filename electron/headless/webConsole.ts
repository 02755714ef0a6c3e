/**
 * The headless web console: the built renderer over HTTP and the StationApi over one WebSocket (`/api`).
 * Binds to 127.0.0.1 unless told otherwise, and anywhere else only with a token. The socket refuses foreign
 * origins and foreign Host headers, so a web page the operator happens to open cannot drive the printers.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WebSocketServer, type WebSocket } from 'ws';
import { WsRequest, type StationPush, type WsServerFrame } from '../../shared/stationApi';
import { contentSecurityPolicy } from '../shell/csp';
import type { StationApiService } from '../station/stationApiService';

export interface WebConsoleOptions {
  host?: string;
  port?: number;
  token?: string;
  staticDir?: string;
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

export async function startWebConsole(
  service: StationApiService,
  options: WebConsoleOptions = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token;
  if (!LOOPBACK.has(host) && !token) {
    throw new Error(`The web console binds to ${host} only with a token (anyone on that network could drive the printers).`);
  }
  const staticDir = path.resolve(options.staticDir ?? DEFAULT_STATIC_DIR);

  const server = createServer((req, res) => {
    serveStatic(staticDir, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://placeholder');
    if (url.pathname !== '/api' || !upgradeAllowed(req, url, host, token)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => serveApi(service, ws));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}/${token ? `?token=${encodeURIComponent(token)}` : ''}`;

  return {
    url,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => sockets.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function upgradeAllowed(req: IncomingMessage, url: URL, host: string, token: string | undefined): boolean {
  if (token && !sameSecret(url.searchParams.get('token') ?? '', token)) return false;
  const hostHeader = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  // DNS rebinding: on loopback only loopback names are ours.
  if (LOOPBACK.has(host) && !LOOPBACK.has(hostHeader)) return false;
  const origin = req.headers.origin;
  if (origin && new URL(origin).host !== req.headers.host) return false;
  return true;
}

/** Compares in constant time (hashes first, so lengths do not leak either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function serveApi(service: StationApiService, ws: WebSocket): void {
  const send = (frame: WsServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const unsubscribe = service.subscribe((push: StationPush) => send({ push }));
  ws.on('close', unsubscribe);
  ws.on('message', async (data) => {
    let request: WsRequest;
    try {
      request = WsRequest.parse(JSON.parse(String(data)));
    } catch {
      ws.close(1003, 'malformed request');
      return;
    }
    try {
      send({ id: request.id, ok: true, result: await service.invoke(request.method, request.params) });
    } catch (error) {
      send({ id: request.id, ok: false, error: (error as Error).message });
    }
  });
  service.invoke('snapshot', {}).then((snapshot) => send({ push: { type: 'snapshot', snapshot } }), () => {});
}

async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://placeholder').pathname);
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
  createReadStream(file).pipe(res);
}
