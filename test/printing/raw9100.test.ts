/**
 * Raw9100Driver against local TCP listeners on 127.0.0.1 that stand in for label printers: they record the bytes
 * they receive and answer Zebra ~HS / Brother ESC i S the way the real printers do (or not at all).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PrintFailure, type SpoolJobRef } from '../../electron/printing/driver';
import { Raw9100Driver, type RawPrinterProfile } from '../../electron/printing/raw9100Driver';
import { parseBrotherStatus, parseZebraHostStatus } from '../../electron/printing/raw9100Status';
import { DEFAULT_PRINTING_OPTIONS } from '../../shared/domain';

const ZPL = '^XA^FO50,50^ADN,36,20^FDOrder 1001^FS^PQ1^XZ';

/** A Zebra ~HS answer; the flags that matter are set through the arguments. */
function zebraHostStatus(
  flags: { paperOut?: boolean; paused?: boolean; formats?: number; headUp?: boolean; ribbonOut?: boolean; labelsLeft?: number } = {},
): Buffer {
  const b = (on?: boolean) => (on ? '1' : '0');
  const formats = String(flags.formats ?? 0).padStart(3, '0');
  const labels = String(flags.labelsLeft ?? 0).padStart(8, '0');
  return Buffer.from(
    `\x02030,${b(flags.paperOut)},${b(flags.paused)},1245,${formats},0,0,0,000,0,0,0\x03\r\n` +
      `\x02001,0,${b(flags.headUp)},${b(flags.ribbonOut)},1,2,6,0,${labels},1,000\x03\r\n` +
      `\x021234,0\x03\r\n`,
    'latin1',
  );
}

/** A Brother 32-byte status block with the given error bytes (8 and 9) and phase (19). */
function brotherStatus(error1 = 0, error2 = 0, phase = 0): Buffer {
  const block = Buffer.alloc(32);
  block.set([0x80, 0x20, 0x42, 0x34, 0x38, 0x30, 0x00, 0x00]);
  block[8] = error1;
  block[9] = error2;
  block[10] = 62; // media width mm
  block[11] = 0x0a; // continuous roll
  block[18] = 0x00; // reply to status request
  block[19] = phase;
  return block;
}

interface FakePrinter {
  port: number;
  /** Every connection's bytes, in order. */
  received: Buffer[];
  answer: ((query: Buffer) => Buffer | undefined) | undefined;
  /** Resolves once some connection has delivered exactly these bytes (the driver returns when the kernel has them). */
  waitForReceived(text: string): Promise<void>;
  close(): Promise<void>;
}

/** A label printer on 127.0.0.1: records what it gets; answers a status query with `answer` (undefined = silence). */
async function fakeLabelPrinter(
  answer?: (query: Buffer) => Buffer | undefined,
  options: { neverRead?: boolean } = {},
): Promise<FakePrinter> {
  const sockets = new Set<net.Socket>();
  const fake: FakePrinter = {
    port: 0,
    received: [],
    answer,
    close: async () => {},
    waitForReceived: async (text) => {
      while (!fake.received.some((b) => b.toString('latin1') === text)) await new Promise((r) => setTimeout(r, 10));
    },
  };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    if (options.neverRead) {
      socket.pause();
      return;
    }
    const index = fake.received.push(Buffer.alloc(0)) - 1;
    socket.on('data', (chunk) => {
      fake.received[index] = Buffer.concat([fake.received[index]!, chunk]);
      const reply = fake.answer?.(fake.received[index]!);
      if (reply) socket.write(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.port = (server.address() as net.AddressInfo).port;
  fake.close = () =>
    new Promise((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return fake;
}

const answersZebra = (status: () => Buffer) => (q: Buffer) => (q.toString('latin1').endsWith('~HS') ? status() : undefined);
const answersBrother = (status: () => Buffer) => (q: Buffer) => (q.includes(Buffer.from([0x1b, 0x69, 0x53])) ? status() : undefined);

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

let dir: string;
let zplFile: string;
const printers: FakePrinter[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'print-station-raw-'));
  zplFile = path.join(dir, 'label.zpl');
  await writeFile(zplFile, ZPL, 'latin1');
});
afterEach(async () => {
  for (const p of printers.splice(0)) await p.close();
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

async function printer(answer?: (q: Buffer) => Buffer | undefined, options?: { neverRead?: boolean }) {
  const fake = await fakeLabelPrinter(answer, options);
  printers.push(fake);
  return fake;
}

function driverFor(profile: Omit<RawPrinterProfile, 'host'>, options: { connectTimeoutMs?: number; writeTimeoutMs?: number } = {}) {
  return new Raw9100Driver({ printers: [{ host: '127.0.0.1', ...profile }], statusTimeoutMs: 500, ...options });
}

function sendLabel(driver: Raw9100Driver, systemName: string, filePath = zplFile): Promise<SpoolJobRef> {
  return driver.submit({ systemName, filePath, jobName: 'job-1001', options: { ...DEFAULT_PRINTING_OPTIONS, paperSize: 'Label-4x6' } });
}

describe('a label printer on raw port 9100', () => {
  it('receives the ZPL label byte for byte', async () => {
    const zebra = await printer();
    const driver = driverFor({ systemName: 'Shipping Zebra', port: zebra.port });
    const job = await sendLabel(driver, 'Shipping Zebra');
    await zebra.waitForReceived(ZPL);
    expect(zebra.received.map((b) => b.toString('latin1'))).toEqual([ZPL]);
    // Without a status protocol the printer cannot confirm, and the job says so: never a silent "printed".
    expect(await driver.jobState(job)).toMatchObject({
      state: 'sent-without-confirmation',
      message: expect.stringMatching(/nobody confirmed that the 1 label came out/),
    });
  });

  it('a printer the operator added as host:port is reachable by that name', async () => {
    const zebra = await printer();
    const driver = new Raw9100Driver();
    await sendLabel(driver, `127.0.0.1:${zebra.port}`);
    await zebra.waitForReceived(ZPL);
    expect(await driver.status(`127.0.0.1:${zebra.port}`)).toMatchObject({ status: 'online' });
  });

  it('lists the configured printers as label printers', async () => {
    const driver = new Raw9100Driver({ printers: [{ systemName: 'Zebra', host: '10.0.0.7', statusProtocol: 'zebra' }] });
    expect(await driver.list()).toEqual([
      expect.objectContaining({
        systemName: 'Zebra',
        driverKind: 'raw',
        connectionType: 'network',
        capabilities: expect.objectContaining({ paperSizes: ['Label-4x6'] }),
      }),
    ]);
  });
});

describe('a Zebra answering ~HS', () => {
  it('an idle Zebra with an empty buffer is online, and a sent label counts as printed', async () => {
    const zebra = await printer(answersZebra(() => zebraHostStatus()));
    const driver = driverFor({ systemName: 'Zebra', port: zebra.port, statusProtocol: 'zebra' });
    expect(await driver.status('Zebra')).toMatchObject({ status: 'online', queueLength: 0 });
    const job = await sendLabel(driver, 'Zebra');
    expect(await driver.jobState(job)).toMatchObject({ state: 'completed', reasons: ['printer-confirmed'] });
    // Asked before and after the label, on the label's own connection.
    await zebra.waitForReceived(`~HS${ZPL}~HS`);
  });

  it('labels still in its buffer mean the job is still printing', async () => {
    const zebra = await printer(answersZebra(() => zebraHostStatus({ formats: 1, labelsLeft: 1 })));
    const driver = driverFor({ systemName: 'Zebra', port: zebra.port, statusProtocol: 'zebra' });
    expect(await driver.status('Zebra')).toMatchObject({ status: 'busy', queueLength: 1 });
    expect((await driver.jobState(await sendLabel(driver, 'Zebra'))).state).toBe('processing');
  });

  it('out of labels puts the printer in error until someone reloads it, and the job is stopped, not printed', async () => {
    const zebra = await printer(answersZebra(() => zebraHostStatus({ paperOut: true, formats: 1 })));
    const driver = driverFor({ systemName: 'Zebra', port: zebra.port, statusProtocol: 'zebra' });
    const status = await driver.status('Zebra');
    expect(status).toMatchObject({ status: 'error', failureClass: 'printer_jam', reasons: ['media-empty'] });
    expect(status.message).toMatch(/Out of labels on Zebra/);
    // Asked before the label: nothing is sent to a printer that is out of labels.
    await expect(sendLabel(driver, 'Zebra')).rejects.toMatchObject({
      failureClass: 'printer_jam',
      sent: 'no',
      message: expect.stringMatching(/Out of labels on Zebra.*Nothing was sent/),
    });
    expect(zebra.received.map((b) => b.toString('latin1'))).not.toContainEqual(expect.stringContaining('^XA'));
  });

  it.each([
    [{ headUp: true }, 'door-open', /print head is open/],
    [{ ribbonOut: true }, 'ribbon-empty', /Out of ribbon/],
    [{ paused: true }, 'paused', /pause button/],
  ])('%o reads as error (%s)', async (flags, reason, sentence) => {
    const zebra = await printer(answersZebra(() => zebraHostStatus(flags)));
    const driver = driverFor({ systemName: 'Zebra', port: zebra.port, statusProtocol: 'zebra' });
    const status = await driver.status('Zebra');
    expect(status).toMatchObject({ status: 'error', failureClass: 'printer_jam', reasons: [reason] });
    expect(status.message).toMatch(sentence);
  });

  it('cancel sends ~JA to drop what is still in the buffer', async () => {
    const zebra = await printer(answersZebra(() => zebraHostStatus({ formats: 1 })));
    const driver = driverFor({ systemName: 'Zebra', port: zebra.port, statusProtocol: 'zebra' });
    const job = await sendLabel(driver, 'Zebra');
    await driver.cancel(job);
    await zebra.waitForReceived('~JA');
    expect((await driver.jobState(job)).state).toBe('canceled');
  });
});

describe('a Brother answering ESC i S', () => {
  it('an idle Brother is online', async () => {
    const brother = await printer(answersBrother(() => brotherStatus()));
    const driver = driverFor({ systemName: 'Brother QL', port: brother.port, statusProtocol: 'brother' });
    expect(await driver.status('Brother QL')).toMatchObject({ status: 'online', reasons: [] });
  });

  it('an open cover is an error for a person (printer_jam)', async () => {
    const brother = await printer(answersBrother(() => brotherStatus(0, 0x10)));
    const driver = driverFor({ systemName: 'Brother QL', port: brother.port, statusProtocol: 'brother' });
    expect(await driver.status('Brother QL')).toMatchObject({ status: 'error', failureClass: 'printer_jam', reasons: ['cover-open'] });
  });

  it('a Brother that is printing is busy', async () => {
    const brother = await printer(answersBrother(() => brotherStatus(0, 0, 0x01)));
    const driver = driverFor({ systemName: 'Brother QL', port: brother.port, statusProtocol: 'brother' });
    expect((await driver.status('Brother QL')).status).toBe('busy');
  });
});

describe('a label printer that does not play along', () => {
  it('one that takes the connection but never answers its status query is in error', async () => {
    const mute = await printer(() => undefined);
    const driver = driverFor({ systemName: 'Mute Zebra', port: mute.port, statusProtocol: 'zebra' });
    const status = await driver.status('Mute Zebra');
    expect(status).toMatchObject({ status: 'error', failureClass: 'printer_jam', reasons: ['status-no-answer'] });
    expect(status.message).toMatch(/did not answer its zebra status query/);
    expect(mute.received.map((b) => b.toString('latin1'))).toEqual(['~HS']);
  });

  it('one that refuses connections is offline, and a label sent to it fails as printer_offline', async () => {
    const port = await closedPort();
    const driver = driverFor({ systemName: 'Unplugged Zebra', port, statusProtocol: 'zebra' });
    const status = await driver.status('Unplugged Zebra');
    expect(status).toMatchObject({ status: 'offline', failureClass: 'printer_offline' });
    expect(status.message).toMatch(/refused the connection/);
    const failure = await sendLabel(driver, 'Unplugged Zebra').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PrintFailure);
    expect(failure).toMatchObject({ failureClass: 'printer_offline', sent: 'no' }); // no connection: nothing left
  });

  it('one that stops taking data fails the job as printer_offline and says part of it may have printed', async () => {
    const stuck = await printer(undefined, { neverRead: true });
    const driver = driverFor({ systemName: 'Stuck Zebra', port: stuck.port }, { writeTimeoutMs: 500 });
    const big = path.join(dir, 'big.prn');
    await writeFile(big, Buffer.alloc(64 * 1024 * 1024, 0x41));
    await expect(sendLabel(driver, 'Stuck Zebra', big)).rejects.toMatchObject({
      failureClass: 'printer_offline',
      sent: 'maybe',
      message: expect.stringMatching(/stopped taking data.*part of the job may have printed/),
    });
  });

  it('a printer name no one configured is refused as printer_offline with a sentence', async () => {
    await expect(sendLabel(new Raw9100Driver(), 'Nowhere')).rejects.toMatchObject({
      failureClass: 'printer_offline',
      sent: 'no',
      message: expect.stringMatching(/add its address/),
    });
  });

  it('after a restart a raw job cannot be found: raw printers keep no history', async () => {
    const zebra = await printer();
    const job = await sendLabel(driverFor({ systemName: 'Zebra', port: zebra.port }), 'Zebra');
    const afterRestart = driverFor({ systemName: 'Zebra', port: zebra.port });
    expect(await afterRestart.findJob('Zebra', job.jobName)).toBeUndefined();
    expect((await afterRestart.jobState(job)).state).toBe('unknown');
  });
});

describe('status answers that make no sense', () => {
  it('a ~HS answer that is not a host status is an error', () => {
    expect(parseZebraHostStatus('Zebra', Buffer.from('hello'))).toMatchObject({ status: 'error', reasons: ['status-unreadable'] });
  });

  it('a Brother block with a wrong header is an error', () => {
    expect(parseBrotherStatus('Brother', Buffer.alloc(32))).toMatchObject({ status: 'error', reasons: ['status-unreadable'] });
  });

  it('a Brother turning off is offline', () => {
    expect(parseBrotherStatus('Brother', brotherStatus(0x20))).toMatchObject({ status: 'offline', failureClass: 'printer_offline' });
  });
});
