import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebConsole } from '../../electron/headless/webConsole';
import { StationApiService } from '../../electron/station/service/stationApiService';
import { FakeStationEngine, fakeOrder } from '../helpers/fakeStationEngine';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const staticDir = mkdtempSync(path.join(os.tmpdir(), 'ui-'));
writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Print Station</title>');

/** Opens a socket and keeps every frame it receives from the first moment (the first push comes at once). */
function openSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket & { frames: any[] }> {
  return new Promise((resolve, reject) => {
    const ws = Object.assign(new WebSocket(url, { headers }), { frames: [] as any[] });
    ws.on('message', (d) => ws.frames.push(JSON.parse(String(d))));
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function call(ws: WebSocket, id: number, method: string, params: unknown): Promise<any> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data));
      if (frame.id === id) {
        ws.off('message', onMessage);
        resolve(frame);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, params }));
  });
}

describe('the headless web console', () => {
  const engine = new FakeStationEngine();
  engine.orders.set('A-1', fakeOrder('A-1', 'pending'));
  const service = new StationApiService({ engine });
  let web: Awaited<ReturnType<typeof startWebConsole>>;
  beforeAll(async () => {
    web = await startWebConsole(service, { staticDir });
  });
  afterAll(() => web.close());

  it('listens on 127.0.0.1 and serves the UI with a strict CSP', async () => {
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(web.url);
    expect(await res.text()).toContain('Print Station');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(new URL('/../../etc/passwd', web.url))).status).not.toBe(500);
  });

  it('answers StationApi calls over the socket and pushes the first snapshot', async () => {
    const ws = await openSocket(web.url.replace('http', 'ws') + 'api');
    await expect.poll(() => ws.frames.length).toBeGreaterThan(0);
    expect(ws.frames[0]).toMatchObject({ push: { type: 'snapshot', snapshot: { station: { name: 'Front desk' } } } });
    const page = await call(ws, 1, 'listOrders', { tab: 'pending', page: 0, pageSize: 10 });
    expect(page).toMatchObject({ id: 1, ok: true, result: { total: 1, orders: [{ orderId: 'A-1' }] } });
    const bad = await call(ws, 2, 'listOrders', { tab: 'nope' });
    expect(bad).toMatchObject({ id: 2, ok: false });
    ws.close();
  });

  it('refuses a socket opened by a page from another origin (a web page cannot drive the printers)', async () => {
    await expect(openSocket(web.url.replace('http', 'ws') + 'api', { Origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });

  it('binds elsewhere than loopback only with a token, and then wants the token on the socket', async () => {
    await expect(startWebConsole(service, { host: '0.0.0.0', staticDir })).rejects.toThrow(/only with a token/);
    const open = await startWebConsole(service, { host: '0.0.0.0', token: 'tok-123', staticDir });
    try {
      const port = new URL(open.url).port;
      expect(open.url).toContain('?token=tok-123');
      await expect(openSocket(`ws://127.0.0.1:${port}/api`)).rejects.toThrow(/403/);
      const ws = await openSocket(`ws://127.0.0.1:${port}/api?token=tok-123`);
      ws.close();
    } finally {
      await open.close();
    }
  });
});
