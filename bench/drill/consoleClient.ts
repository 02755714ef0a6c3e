/**
 * The drill's operator speaks to a station the way the headless UI does: the StationApi over the web console's
 * WebSocket (`/api`), through the UI's own client (renderer/src/client.ts), so every request and answer passes the
 * same zod schemas and the same PIN gate as a click. One socket per station process; a restarted station gets a
 * new one.
 */
import WebSocket from 'ws';
import { createStationClient, type LinkState, type StationClient, type Transport } from '../../renderer/src/client';
import { WsServerFrame, type StationMethod } from '../../shared/stationApi';

export interface ConsoleConnection {
  client: StationClient;
  close(): void;
}

/** Opens the console of the station whose web console serves at `webUrl` (http://127.0.0.1:PORT/). */
export async function openConsole(webUrl: string, requestTimeoutMs = 10_000): Promise<ConsoleConnection> {
  const url = new URL(webUrl);
  const ws = new WebSocket(`ws://${url.host}/api${url.search}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }>();
  const pushListeners = new Set<(raw: unknown) => void>();
  let nextId = 1;
  const failAll = (why: string) => {
    for (const w of pending.values()) {
      clearTimeout(w.timer);
      w.reject(new Error(why));
    }
    pending.clear();
  };
  ws.on('message', (data) => {
    const frame = WsServerFrame.safeParse(JSON.parse(String(data)));
    if (!frame.success) return;
    const f = frame.data;
    if ('push' in f) {
      for (const l of pushListeners) l(f.push);
      return;
    }
    const waiter = pending.get(f.id);
    if (!waiter) return;
    pending.delete(f.id);
    clearTimeout(waiter.timer);
    if (f.ok) waiter.resolve(f.result);
    else waiter.reject(new Error(f.error));
  });
  ws.on('close', () => failAll('Lost contact with the station.'));
  ws.on('error', () => {}); // a killed station: 'close' follows and fails what waits

  const transport: Transport = {
    invoke(method: StationMethod, params: unknown) {
      if (ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error('No contact with the station.'));
      const id = nextId++;
      ws.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${method}: the station did not answer in ${requestTimeoutMs} ms`));
        }, requestTimeoutMs);
        pending.set(id, { resolve, reject, timer });
      });
    },
    onPush(listener) {
      pushListeners.add(listener);
      return () => pushListeners.delete(listener);
    },
    onLinkChange(listener: (state: LinkState) => void) {
      listener(ws.readyState === WebSocket.OPEN ? 'up' : 'down');
      return () => {};
    },
  };
  return {
    client: createStationClient(transport),
    close() {
      failAll('The drill closed the console.');
      ws.terminate();
    },
  };
}
