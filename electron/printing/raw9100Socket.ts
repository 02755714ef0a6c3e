/**
 * TCP for raw port 9100: send a file with connect and write timeouts, or ask a status question and wait for the
 * answer. Failures come back as PrintFailure: a printer that refuses or does not pick up is offline (DESIGN §6).
 */
import net from 'node:net';
import { PrintFailure, type SentVerdict } from './driver';

export interface RawEndpoint {
  host: string;
  port: number;
  /** How the operator knows the printer, for sentences. */
  label: string;
}

export interface RawTimeouts {
  connectMs: number;
  writeMs: number;
}

export function connect(endpoint: RawEndpoint, connectMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: endpoint.host, port: endpoint.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(offline(endpoint, `did not accept a connection within ${connectMs} ms`, undefined, 'no'));
    }, connectMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(offline(endpoint, describeSocketError(err), err, 'no')); // no connection, so nothing of a job was sent
    });
  });
}

/** Writes everything and closes our side; resolves once the printer has taken the bytes. */
export async function sendBytes(endpoint: RawEndpoint, data: Buffer, timeouts: RawTimeouts): Promise<void> {
  const socket = await connect(endpoint, timeouts.connectMs);
  await new Promise<void>((resolve, reject) => {
    // A printer that stops reading (jam, full buffer) leaves the write hanging: give up after writeMs.
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        offline(
          endpoint,
          `stopped taking data after ${socket.bytesWritten} of ${data.length} bytes (write timeout ${timeouts.writeMs} ms); part of the job may have printed`,
        ),
      );
    }, timeouts.writeMs);
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(offline(endpoint, `dropped the connection while receiving the job (${describeSocketError(err)})`, err));
    });
    socket.end(data, () => {
      clearTimeout(timer);
      // Everything is with the kernel now. Let the printer read it and close its side; destroying at once could
      // reset the connection under bytes it has not read yet.
      const linger = setTimeout(() => socket.destroy(), 5_000);
      linger.unref();
      socket.once('close', () => clearTimeout(linger));
      socket.on('error', () => {});
      resolve();
    });
  });
}

/**
 * Sends a status query and collects the answer until `complete` says it is whole. Resolves undefined when the
 * printer says nothing within answerMs: the caller decides what silence means.
 */
export async function askStatus(
  endpoint: RawEndpoint,
  query: Buffer,
  complete: (answer: Buffer) => boolean,
  timeouts: { connectMs: number; answerMs: number },
): Promise<Buffer | undefined> {
  const socket = await connect(endpoint, timeouts.connectMs);
  return new Promise((resolve) => {
    let answer = Buffer.alloc(0);
    const finish = (result: Buffer | undefined) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish(answer.length > 0 ? answer : undefined), timeouts.answerMs);
    socket.on('data', (chunk: Buffer) => {
      answer = Buffer.concat([answer, chunk]);
      if (complete(answer)) finish(answer);
    });
    socket.once('error', () => finish(answer.length > 0 ? answer : undefined));
    socket.once('end', () => finish(answer.length > 0 ? answer : undefined));
    socket.write(query);
  });
}

/** `sent` is `no` only for failures before the connection existed; a write that broke off may have printed. */
function offline(endpoint: RawEndpoint, what: string, cause?: unknown, sent: SentVerdict = 'maybe'): PrintFailure {
  return new PrintFailure('printer_offline', `${endpoint.label} (${endpoint.host}:${endpoint.port}) ${what}.`, { cause, sent });
}

function describeSocketError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'refused the connection: it is off, or another program holds its port';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'cannot be reached on the network';
    case 'ENOTFOUND':
      return 'has a host name that does not resolve';
    case 'ECONNRESET':
      return 'reset the connection';
    default:
      return err.code ?? err.message;
  }
}

/**
 * One connection kept open for a whole job: the job's bytes and the status questions go down the same stream, so
 * the printer has every byte of the job before it answers (a question on a second connection could overtake them).
 */
export class RawSession {
  private incoming = Buffer.alloc(0);
  private readonly listeners = new Set<(chunk: Buffer) => void>();
  private ended = false;

  private constructor(
    readonly endpoint: RawEndpoint,
    private readonly socket: net.Socket,
  ) {
    socket.on('data', (chunk: Buffer) => {
      this.incoming = Buffer.concat([this.incoming, chunk]);
      for (const listener of this.listeners) listener(chunk);
    });
    socket.on('error', () => {});
    socket.once('close', () => {
      this.ended = true;
      for (const listener of this.listeners) listener(Buffer.alloc(0));
    });
  }

  static async open(endpoint: RawEndpoint, connectMs: number): Promise<RawSession> {
    return new RawSession(endpoint, await connect(endpoint, connectMs));
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Everything the printer sent since the last take. */
  take(): Buffer {
    const bytes = this.incoming;
    this.incoming = Buffer.alloc(0);
    return bytes;
  }

  /** Calls `listener` on every chunk the printer sends (an empty chunk when the connection closes). */
  onData(listener: (chunk: Buffer) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Writes the job; resolves once the kernel took every byte, fails as printer_offline (maybe sent) on a stall. */
  write(data: Buffer, writeMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.socket.destroy();
        reject(
          offline(
            this.endpoint,
            `stopped taking data after ${this.socket.bytesWritten} of ${data.length} bytes (write timeout ${writeMs} ms); part of the job may have printed`,
          ),
        );
      }, writeMs);
      this.socket.write(data, (err) => {
        clearTimeout(timer);
        if (err)
          reject(
            offline(
              this.endpoint,
              `dropped the connection while receiving the job (${describeSocketError(err as NodeJS.ErrnoException)})`,
              err,
            ),
          );
        else resolve();
      });
    });
  }

  /** Sends a status question and waits for a whole answer; undefined when the printer stays silent for answerMs. */
  ask(query: Buffer, complete: (answer: Buffer) => boolean, answerMs: number): Promise<Buffer | undefined> {
    this.take();
    return new Promise((resolve) => {
      let stop = () => {};
      const finish = (answer: Buffer | undefined) => {
        clearTimeout(timer);
        stop();
        resolve(answer);
      };
      const timer = setTimeout(() => finish(undefined), answerMs);
      stop = this.onData(() => {
        if (complete(this.incoming)) finish(this.take());
        else if (this.ended) finish(undefined);
      });
      if (this.ended) return finish(undefined);
      this.socket.write(query);
    });
  }

  /** Our side is done; the printer may still send status until it closes or `destroy`. */
  end(): void {
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }
}
