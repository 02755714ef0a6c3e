/**
 * Talking to a running console the way an attacker and an operator would: raw bytes over TCP (the fuzzer's wire
 * helpers) and a `ws` client for the StationApi.
 */
import WebSocket from 'ws';

export { frame, rawExchange, upgradeRequest } from '../../bench/fuzz/wire';

/** Opens the StationApi socket and asks one question; resolves with the answer frame. */
export async function askConsole(wsUrl: string, method: string, params: unknown, timeoutMs = 15_000): Promise<any> {
  const ws = new WebSocket(wsUrl);
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer to ${method} in ${timeoutMs} ms`)), timeoutMs);
      ws.on('error', (e) => (clearTimeout(timer), reject(e)));
      ws.on('unexpected-response', (_req, res) => (clearTimeout(timer), reject(new Error(`HTTP ${res.statusCode}`))));
      ws.on('message', (data) => {
        const answer = JSON.parse(String(data));
        if (answer.id === 1) {
          clearTimeout(timer);
          resolve(answer);
        }
      });
      ws.on('open', () => ws.send(JSON.stringify({ id: 1, method, params })));
    });
  } finally {
    ws.terminate();
  }
}
