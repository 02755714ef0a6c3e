/**
 * Label printers on 127.0.0.1 for the raw 9100 tests, each speaking its status protocol the way the real one does:
 * - FakeZebra reads ZPL formats (^XA … ^XZ, ^PQ copies), prints one label per tick, and answers ~HS with paper
 *   out / pause / head open flags, formats in the receive buffer and labels remaining in the batch; ~JA clears it.
 * - FakeBrother parses Brother QL raster command by command (a raster line's bytes are data, not commands), prints
 *   one page per 0x0C / 0x1A, and sends the 32-byte status blocks a QL sends: the reply to ESC i S, a phase change
 *   and "printing completed" per page, "error occurred" on a fault (after which it drops the rest of the job).
 * Either can be told to run out of labels or open its cover after N labels, or to stay silent.
 */
import net from 'node:net';

interface Listener {
  port: number;
  close(): Promise<void>;
}

async function listen(onSocket: (socket: net.Socket) => void): Promise<Listener & { sockets: Set<net.Socket> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    sockets,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface FakePrinterOptions {
  msPerLabel?: number;
  /** Runs out of labels once this many have come out. */
  paperOutAfter?: number;
  /** The cover / print head opens once this many have come out. */
  coverOpenAfter?: number;
  /** Never answers a status query (and sends nothing on its own). */
  silent?: boolean;
  /** Stops answering once this many labels have come out. */
  silentAfter?: number;
}

export class FakeZebra {
  labelsPrinted = 0;
  formatsReceived = 0;
  statusQueries = 0;
  /** Every byte received on every connection, in order of arrival. */
  bytes = Buffer.alloc(0);
  paperOut = false;
  headOpen = false;
  /** Labels left per format, first = printing. */
  private queue: number[] = [];
  private timer: NodeJS.Timeout;
  private server!: Listener;

  private constructor(private readonly o: FakePrinterOptions) {
    this.timer = setInterval(() => this.printOne(), o.msPerLabel ?? 20);
  }

  static async start(o: FakePrinterOptions = {}): Promise<FakeZebra> {
    const fake = new FakeZebra(o);
    fake.server = await listen((socket) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        fake.bytes = Buffer.concat([fake.bytes, chunk]);
        text += chunk.toString('latin1');
        text = fake.consume(text, socket);
      });
    });
    return fake;
  }

  get port(): number {
    return this.server.port;
  }

  /** Someone loads a new roll / closes the head. */
  reload(): void {
    this.paperOut = false;
    this.headOpen = false;
    this.o.paperOutAfter = undefined;
    this.o.coverOpenAfter = undefined;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.server.close();
  }

  /** Handles everything complete in `text` in stream order; returns what must wait for more bytes. */
  private consume(text: string, socket: net.Socket): string {
    for (;;) {
      const next = ['~HS', '~JA', '^XA']
        .map((cmd) => ({ cmd, at: text.toUpperCase().indexOf(cmd) }))
        .filter((c) => c.at >= 0)
        .sort((a, b) => a.at - b.at)[0];
      if (!next) return text.slice(-2); // a command cut between two chunks
      if (next.cmd === '~HS') {
        this.statusQueries++;
        const mute = this.o.silent || (this.o.silentAfter !== undefined && this.labelsPrinted >= this.o.silentAfter);
        if (!mute) socket.write(this.hostStatus());
        text = text.slice(next.at + 3);
      } else if (next.cmd === '~JA') {
        this.queue = [];
        text = text.slice(next.at + 3);
      } else {
        const end = text.toUpperCase().indexOf('^XZ', next.at);
        if (end < 0) return text.slice(next.at); // the rest of the format is on its way
        const format = text.slice(next.at, end + 3);
        const copies = /\^PQ(\d+)/i.exec(format);
        this.queue.push(copies ? Math.max(1, Number(copies[1])) : 1);
        this.formatsReceived++;
        text = text.slice(end + 3);
      }
    }
  }

  private printOne(): void {
    if (this.paperOut || this.headOpen || this.queue.length === 0) return;
    this.queue[0]! -= 1;
    if (this.queue[0] === 0) this.queue.shift();
    this.labelsPrinted++;
    if (this.o.paperOutAfter !== undefined && this.labelsPrinted >= this.o.paperOutAfter) this.paperOut = true;
    if (this.o.coverOpenAfter !== undefined && this.labelsPrinted >= this.o.coverOpenAfter) this.headOpen = true;
  }

  private hostStatus(): Buffer {
    const b = (on: boolean) => (on ? '1' : '0');
    const formats = String(Math.max(0, this.queue.length - 1)).padStart(3, '0');
    const remaining = String(this.queue[0] ?? 0).padStart(8, '0');
    return Buffer.from(
      `\x02030,${b(this.paperOut)},0,1218,${formats},0,0,0,000,0,0,0\x03\r\n` +
        `\x02001,0,${b(this.headOpen)},0,0,2,6,0,${remaining},1,000\x03\r\n` +
        `\x021234,0\x03\r\n`,
      'latin1',
    );
  }
}

const ESC = 0x1b;

export class FakeBrother {
  pagesPrinted = 0;
  pagesReceived = 0;
  rasterLines = 0;
  statusQueries = 0;
  /** Commands it did not know (a wrong encoder would show here). */
  unknownCommands: number[] = [];
  bytes = Buffer.alloc(0);
  error1 = 0;
  error2 = 0;
  private queue: net.Socket[] = [];
  private timer: NodeJS.Timeout;
  private server!: Listener;

  private constructor(private readonly o: FakePrinterOptions & { mediaWidthMm?: number }) {
    this.timer = setInterval(() => this.printOne(), o.msPerLabel ?? 20);
  }

  static async start(o: FakePrinterOptions & { mediaWidthMm?: number; coverOpenNow?: boolean } = {}): Promise<FakeBrother> {
    const fake = new FakeBrother(o);
    if (o.coverOpenNow) fake.error2 |= 0x10;
    fake.server = await listen((socket) => {
      let pending: Buffer = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        fake.bytes = Buffer.concat([fake.bytes, chunk]);
        pending = fake.consume(Buffer.concat([pending, chunk]), socket);
      });
    });
    return fake;
  }

  get port(): number {
    return this.server.port;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.server.close();
  }

  /** Parses whole commands; returns the bytes of an unfinished one. */
  private consume(data: Buffer, socket: net.Socket): Buffer {
    let i = 0;
    const need = (n: number) => i + n <= data.length;
    while (i < data.length) {
      const c = data[i]!;
      if (c === 0x00) i += 1;
      else if (c === ESC) {
        if (!need(2)) break;
        if (data[i + 1] === 0x40) {
          i += 2;
          continue;
        }
        if (data[i + 1] !== 0x69) {
          this.unknownCommands.push(data[i + 1]!);
          i += 2;
          continue;
        }
        if (!need(3)) break;
        const sub = data[i + 2]!;
        const length = sub === 0x53 ? 3 : sub === 0x7a ? 13 : sub === 0x64 ? 5 : [0x61, 0x4d, 0x41, 0x4b].includes(sub) ? 4 : -1;
        if (length < 0) {
          this.unknownCommands.push(sub);
          i += 3;
          continue;
        }
        if (!need(length)) break;
        if (sub === 0x53) {
          this.statusQueries++;
          this.send(socket, 0x00, this.queue.length > 0 ? 0x01 : 0x00);
        }
        i += length;
      } else if (c === 0x4d) {
        if (!need(2)) break;
        i += 2;
      } else if (c === 0x67) {
        if (!need(3) || !need(3 + data[i + 2]!)) break;
        this.rasterLines++;
        i += 3 + data[i + 2]!;
      } else if (c === 0x5a) {
        this.rasterLines++;
        i += 1;
      } else if (c === 0x0c || c === 0x1a) {
        this.pagesReceived++;
        this.queue.push(socket);
        i += 1;
      } else {
        this.unknownCommands.push(c);
        i += 1;
      }
    }
    return data.subarray(i);
  }

  private printOne(): void {
    const socket = this.queue[0];
    if (!socket || this.error1 || this.error2) return;
    this.queue.shift();
    this.send(socket, 0x06, 0x01); // phase: printing
    this.pagesPrinted++;
    this.send(socket, 0x01, 0x01); // printing completed
    if (this.o.paperOutAfter !== undefined && this.pagesPrinted >= this.o.paperOutAfter) this.error1 |= 0x02; // end of media
    if (this.o.coverOpenAfter !== undefined && this.pagesPrinted >= this.o.coverOpenAfter) this.error2 |= 0x10; // cover open
    if (this.error1 || this.error2) {
      this.send(socket, 0x02, 0x00); // error occurred; a QL drops the rest of the job
      this.queue = this.queue.filter((s) => s !== socket);
      return;
    }
    if (!this.queue.includes(socket)) this.send(socket, 0x06, 0x00); // phase: receiving again
  }

  private send(socket: net.Socket, statusType: number, phase: number): void {
    // Reports up to and including the silentAfter-th page, then nothing.
    const mute = this.o.silent || (this.o.silentAfter !== undefined && this.pagesPrinted > this.o.silentAfter);
    if (mute || socket.destroyed) return;
    const block = Buffer.alloc(32);
    block.set([0x80, 0x20, 0x42, 0x34, 0x38, 0x30, 0x00, 0x00]);
    block[8] = this.error1;
    block[9] = this.error2;
    block[10] = this.o.mediaWidthMm ?? 62;
    block[11] = 0x0a;
    block[18] = statusType;
    block[19] = phase;
    socket.write(block);
  }
}
