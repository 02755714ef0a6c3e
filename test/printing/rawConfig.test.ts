import { describe, expect, it } from 'vitest';
import { formatsAccepted, parseStationConfig } from '../../electron/station/config';

const base = { mongodbUri: 'mongodb://127.0.0.1:1/x' };

describe('raw label printer configuration', () => {
  it('a ZPL printer lists its loaded media, dpi, raster mode and pass-through; the media are what it claims', () => {
    const config = parseStationConfig({
      ...base,
      printers: [
        {
          name: 'Zebra',
          driver: 'raw',
          systemName: '10.0.0.20:9100',
          language: 'zpl',
          dpi: 203,
          media: ['oe_4x6-label_4x6in'],
          passThrough: true,
        },
      ],
    });
    const zebra = config.printers[0]!;
    expect(zebra).toMatchObject({ language: 'zpl', dpi: 203, passThrough: true, rasterMode: 'threshold', statusQuery: true });
    expect(zebra.capabilities.paperSizes).toEqual(['oe_4x6-label_4x6in']);
    expect(formatsAccepted(zebra)).toEqual(['pdf', 'zpl']);
  });

  it('a Brother QL with a 62 mm roll takes only PDF (its language cannot be passed through)', () => {
    const config = parseStationConfig({
      ...base,
      printers: [
        {
          name: 'QL',
          driver: 'raw',
          systemName: '10.0.0.21:9100',
          language: 'brother_ql',
          dpi: 300,
          media: ['roll_max_62x1000mm'],
          rasterMode: 'dither',
        },
      ],
    });
    expect(config.printers[0]!.capabilities.paperSizes).toEqual(['roll_max_62x1000mm']);
    expect(formatsAccepted(config.printers[0]!)).toEqual(['pdf']);
  });

  it('refuses a raw printer without a language, pass-through on a non-ZPL printer, and an unknown media name', () => {
    expect(() => parseStationConfig({ ...base, printers: [{ name: 'L', driver: 'raw', systemName: 'h:9100' }] })).toThrow(
      /needs "language"/,
    );
    expect(() =>
      parseStationConfig({
        ...base,
        printers: [{ name: 'Q', driver: 'raw', systemName: 'h:9100', language: 'brother_ql', passThrough: true }],
      }),
    ).toThrow(/passThrough/);
    expect(() =>
      parseStationConfig({ ...base, printers: [{ name: 'Z', driver: 'raw', systemName: 'h:9100', language: 'zpl', media: ['4 by 6'] }] }),
    ).toThrow(/PWG 5101.1/);
  });

  it('an office printer keeps taking PDF only', () => {
    const config = parseStationConfig({ ...base, printers: [{ name: 'Office', driver: 'cups' }] });
    expect(formatsAccepted(config.printers[0]!)).toEqual(['pdf']);
    expect(config.printers[0]!.capabilities.paperSizes).toEqual(['A4']);
  });
});

describe('the config entry --list-printers suggests for a raw printer', () => {
  it('names a language (guessed from the model: Brother QL or else ZPL), so the entry is a valid configuration', async () => {
    const { configEntryOf } = await import('../../electron/headless/listPrinters');
    const found = (displayName: string) => ({
      systemName: '10.0.0.9:9100',
      displayName,
      driverKind: 'raw' as const,
      connectionType: 'network' as const,
      capabilities: { paperSizes: ['Label-4x6'], color: false, duplex: false, maxCopies: 1 },
    });
    expect(configEntryOf(found('Zebra ZD421'))).toMatchObject({ driver: 'raw', language: 'zpl' });
    expect(configEntryOf(found('Brother QL-820NWB'))).toMatchObject({ driver: 'raw', language: 'brother_ql' });
    const config = parseStationConfig({
      ...base,
      printers: [configEntryOf(found('Zebra ZD421')), configEntryOf(found('Brother QL-820NWB'))],
    });
    expect(config.printers.map((p) => p.language)).toEqual(['zpl', 'brother_ql']);
  });
});

describe('the station boot gives the raw driver each configured printer', () => {
  it('language, media and address reach the driver (what it renders for and where it sends)', async () => {
    const { stationDrivers } = await import('../../electron/station/boot');
    const config = parseStationConfig({
      ...base,
      printers: [{ name: 'QL', driver: 'raw', systemName: '10.0.0.21:9100', language: 'brother_ql', media: ['roll_max_62x1000mm'] }],
    });
    const listed = await stationDrivers(config).driverFor(config.printers[0]!).list();
    expect(listed).toEqual([
      expect.objectContaining({
        systemName: '10.0.0.21:9100',
        displayName: 'QL',
        driverName: 'raw 9100, brother_ql, status brother',
        capabilities: expect.objectContaining({ paperSizes: ['roll_max_62x1000mm'] }),
      }),
    ]);
  });
});
