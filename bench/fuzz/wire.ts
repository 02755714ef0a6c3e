/**
 * Bytes on the wire to a console on 127.0.0.1: raw HTTP exchanges (requests Node's own client would never send),
 * WebSocket client frames built by hand (masked or not, lying about their length), and the server's frames read back.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export interface RawAnswer {
  data: Buffer;
  /** Status codes of every HTTP answer in the data (pipelined requests get several). */
  statuses: number[];
  /** The first status, if any. */
  status: number | undefined;
  /** The server closed (or reset) the connection before waitMs ran out. */
  closed: boolean;
}

export interface ExchangeOptions {
  waitMs?: number;
  /** Pause between chunks (a slow client, a request split mid-header). */
  gapMs?: number;
  /** Reset the connection (RST) right after the last chunk instead of waiting for the answer. */
  resetAfterWrite?: boolean;
  /** Stop waiting once this returns true for what arrived so far. */
  enough?: (data: Buffer) => boolean;
  /** Once something arrived, stop waiting when nothing more comes for this long. */
  quietMs?: number;
}

/** Sends `chunks` on a fresh connection to 127.0.0.1:port and collects the answer until the server closes. */
export function rawExchange(port: number, chunks: Array<string | Buffer>, o: ExchangeOptions | number = {}): Promise<RawAnswer> {
  const opts = typeof o === 'number' ? { waitMs: o } : o;
  return new Promise((resolve) => {
    const received: Buffer[] = [];
    const socket = net.connect(port, '127.0.0.1');
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      clearTimeout(quiet);
      socket.destroy();
      const data = Buffer.concat(received);
      const statuses = httpStatuses(data);
      resolve({ data, statuses, status: statuses[0], closed });
    };
    const timer = setTimeout(() => finish(false), opts.waitMs ?? 5_000);
    let quiet: NodeJS.Timeout | undefined;
    socket.on('data', (chunk) => {
      received.push(chunk);
      if (opts.quietMs) {
        clearTimeout(quiet);
        quiet = setTimeout(() => finish(false), opts.quietMs);
      }
      if (opts.enough?.(Buffer.concat(received))) finish(false);
    });
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
    socket.on('connect', async () => {
      for (const chunk of chunks) {
        if (done || socket.destroyed) return;
        socket.write(chunk);
        if (opts.gapMs) await new Promise((r) => setTimeout(r, opts.gapMs));
      }
      if (opts.resetAfterWrite && !socket.destroyed) {
        socket.resetAndDestroy();
        finish(true);
      }
    });
  });
}

export function httpStatuses(data: Buffer): number[] {
  const text = data.toString('latin1');
  return [...text.matchAll(/(?:^|\r\n)HTTP\/\d\.\d (\d{3})/g)].map((m) => Number(m[1]));
}

/** An upgrade request; a header given as null is left out. */
export function upgradeRequest(port: number, target: string, extraHeaders: Record<string, string | null> = {}): string {
  const headers: Record<string, string | null> = {
    Host: `127.0.0.1:${port}`,
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
    'Sec-WebSocket-Version': '13',
    ...extraHeaders,
  };
  const lines = Object.entries(headers)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}: ${v}`);
  return `GET ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

/** A client frame: masked unless told otherwise; `length` can claim more (or less) than the payload carries. */
export function frame(opcode: number, payload: Buffer, o: { fin?: boolean; masked?: boolean; length?: number; rsv?: number } = {}): Buffer {
  const length = o.length ?? payload.length;
  const masked = o.masked ?? true;
  const head: number[] = [((o.fin ?? true) ? 0x80 : 0) | (((o.rsv ?? 0) & 7) << 4) | (opcode & 0x0f)];
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

export interface ServerFrame {
  opcode: number;
  fin: boolean;
  payload: Buffer;
}

/** The complete frames in what the server sent after its 101 answer (a cut-off last frame is left out). */
export function serverFrames(data: Buffer): ServerFrame[] {
  const headEnd = data.indexOf('\r\n\r\n');
  if (headEnd < 0) return [];
  const frames: ServerFrame[] = [];
  let at = headEnd + 4;
  while (at + 2 <= data.length) {
    const b0 = data[at]!;
    const b1 = data[at + 1]!;
    let length = b1 & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      if (offset + 2 > data.length) break;
      length = data.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      if (offset + 8 > data.length) break;
      length = Number(data.readBigUInt64BE(offset));
      offset += 8;
    }
    if (b1 & 0x80) offset += 4; // a server must not mask, but do not lose the frame boundary if it did
    if (offset + length > data.length) break;
    frames.push({ opcode: b0 & 0x0f, fin: Boolean(b0 & 0x80), payload: data.subarray(offset, offset + length) });
    at = offset + length;
  }
  return frames;
}
