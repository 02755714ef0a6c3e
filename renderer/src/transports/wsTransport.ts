/**
 * Headless web console: the StationApi over one WebSocket to `/api` on the page's own origin, reconnecting with
 * backoff. Requests made while the socket is down fail at once, so the UI shows "no contact" instead of hanging.
 */
import { WsServerFrame, type StationMethod } from '../../../shared/stationApi';
import type { LinkState, Transport } from '../client';
import { t } from '../i18n';

export function wsTransport(location: Location = window.location): Transport {
  const token = new URLSearchParams(location.search).get('token');
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api${token ? `?token=${encodeURIComponent(token)}` : ''}`;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const pushListeners = new Set<(raw: unknown) => void>();
  const linkListeners = new Set<(state: LinkState) => void>();
  let socket: WebSocket | undefined;
  let nextId = 1;
  let retryMs = 500;
  let link: LinkState = 'connecting';

  const setLink = (state: LinkState) => {
    link = state;
    for (const l of linkListeners) l(state);
  };

  const connect = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 500;
      setLink('up');
    };
    ws.onmessage = (message) => {
      const frame = WsServerFrame.safeParse(JSON.parse(String(message.data)));
      if (!frame.success) return;
      const f = frame.data;
      if ('push' in f) {
        for (const l of pushListeners) l(f.push);
        return;
      }
      const waiter = pending.get(f.id);
      pending.delete(f.id);
      if (!waiter) return;
      if (f.ok) waiter.resolve(f.result);
      else waiter.reject(new Error(f.error));
    };
    ws.onclose = () => {
      for (const w of pending.values()) w.reject(new Error(t('banner.lostContactError')));
      pending.clear();
      setLink('down');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    };
  };
  connect();

  return {
    invoke(method: StationMethod, params: unknown) {
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        return Promise.reject(new Error(t('banner.noContactError')));
      }
      const id = nextId++;
      socket.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    },
    onPush(listener) {
      pushListeners.add(listener);
      return () => pushListeners.delete(listener);
    },
    onLinkChange(listener) {
      linkListeners.add(listener);
      listener(link);
      return () => linkListeners.delete(listener);
    },
  };
}
