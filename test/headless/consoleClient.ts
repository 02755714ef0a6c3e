/**
 * Talking to a running console the way an attacker and an operator would: raw bytes over TCP (requests Node's
 * client would never send) and a `ws` client for the StationApi.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import WebSocket from 'ws';

export interface RawAnswer {
  /** Everything the server sent back. */
  data: Buffer;
  /** The status code of the HTTP answer, if there was one. */
  status: number | undefined;
  /** The server closed (or reset) the connection before waitMs ran out. */
  closed: boolean;
}

/** Sends `chunks` on a fresh TCP connection and collects the answer until the server closes or waitMs passes. */
export function rawExchange(port: number, chunks: Array<string | Buffer>, waitMs = 5_000): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1');
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const data = Buffer.concat(received);
      const match = /^HTTP\/1\.1 (\d{3})/.exec(data.subarray(0, 20).toString('latin1'));
      resolve({ data, status: match ? Number(match[1]) : undefined, closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk) => received.push(chunk));
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('connect', () => {
      for (const chunk of chunks) socket.write(chunk);
    });
  });
}

export function upgradeRequest(port: number, target: string, extraHeaders: Record<string, string> = {}): string {
  const headers: Record<string, string> = {
    Host: `127.0.0.1:${port}`,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    ...extraHeaders,
  };
  return `GET ${target} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`;
}

/** A client frame: masked unless told otherwise; `length` can claim more than the payload carries. */
export function frame(opcode: number, payload: Buffer, o: { fin?: boolean; masked?: boolean; length?: number; rsv?: number } = {}): Buffer {
  const length = o.length ?? payload.length;
  const masked = o.masked ?? true;
  const head: number[] = [((o.fin ?? true) ? 0x80 : 0) | ((o.rsv ?? 0) << 4) | (opcode & 0x0f)];
  const maskBit = masked ? 0x80 : 0;
  let extended = Buffer.alloc(0);
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) {
    head.push(maskBit | 126);
    extended = Buffer.alloc(2);
    extended.writeUInt16BE(length);
  } else {
    head.push(maskBit | 127);
    extended = Buffer.alloc(8);
    extended.writeBigUInt64BE(BigInt(length));
  }
  if (!masked) return Buffer.concat([Buffer.from(head), extended, payload]);
  const mask = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from(head), extended, mask, body]);
}

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
