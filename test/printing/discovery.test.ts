/** Discovery and the driver factory: what the OS knows plus the addresses the operator typed in. */
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { CupsDriver } from '../../electron/printing/cupsDriver';
import { discoverPrinters } from '../../electron/printing/discovery';
import type { DiscoveredPrinter, PrinterDriver } from '../../electron/printing/driver';
import { createDriver, platformDriverKind } from '../../electron/printing/driverFactory';
import { Raw9100Driver } from '../../electron/printing/raw9100Driver';
import { WindowsSpoolerDriver } from '../../electron/printing/windowsSpoolerDriver';

const office: DiscoveredPrinter = {
  systemName: 'Office',
  displayName: 'Office laser',
  driverKind: 'cups',
  connectionType: 'network',
  capabilities: { paperSizes: ['A4'], color: false, duplex: true, maxCopies: 99 },
};
const osDriver = (printers: DiscoveredPrinter[]) => ({ kind: 'cups', list: async () => printers }) as unknown as PrinterDriver;

describe('printer discovery', () => {
  it('lists the OS printers and a label printer the operator added by address', async () => {
    const result = await discoverPrinters({
      drivers: [osDriver([office])],
      manual: [{ kind: 'raw', host: '192.168.1.50', statusProtocol: 'zebra', displayName: 'Shipping Zebra' }],
    });
    expect(result.problems).toEqual([]);
    expect(result.printers.map((p) => [p.systemName, p.driverKind, p.displayName])).toEqual([
      ['Office', 'cups', 'Office laser'],
      ['192.168.1.50:9100', 'raw', 'Shipping Zebra'],
    ]);
  });

  it('an IPP server that does not answer is reported, and the other printers still show', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const result = await discoverPrinters({ drivers: [osDriver([office])], manual: [{ kind: 'ipp', server: `127.0.0.1:${closed}` }] });
    expect(result.printers.map((p) => p.systemName)).toEqual(['Office']);
    expect(result.problems).toEqual([expect.stringMatching(new RegExp(`IPP server 127.0.0.1:${closed}.*not answering`))]);
  });

  it('the same queue from two sources shows once', async () => {
    const result = await discoverPrinters({ drivers: [osDriver([office]), osDriver([office])] });
    expect(result.printers).toHaveLength(1);
  });
});

describe('choosing drivers by platform', () => {
  it('CUPS on Linux and macOS, the Windows spooler on Windows', () => {
    expect(platformDriverKind('linux')).toBe('cups');
    expect(platformDriverKind('darwin')).toBe('cups');
    expect(platformDriverKind('win32')).toBe('windows');
    expect(platformDriverKind('aix')).toBeUndefined();
  });

  it("discovery lists through the platform's spooler driver: CUPS on Linux, the Windows spooler on Windows", () => {
    expect(createDriver(platformDriverKind('linux')!, { server: '127.0.0.1:631' })).toBeInstanceOf(CupsDriver);
    expect(createDriver(platformDriverKind('win32')!)).toBeInstanceOf(WindowsSpoolerDriver);
  });

  it('createDriver makes one driver of a kind, and refuses the HTML driver outside Electron', () => {
    expect(createDriver('raw')).toBeInstanceOf(Raw9100Driver);
    expect(createDriver('cups', { server: 'printserver:631' })).toMatchObject({ server: 'printserver:631' });
    expect(() => createDriver('electron')).toThrow(/only inside Electron/);
  });
});
