/**
 * Issue 10 in the desktop Settings: a managed raw printer carries its language, dpi, media loaded, pass-through,
 * raster mode and status query to the engine; one saved before these existed still starts (its language guessed
 * from its name) instead of the station refusing its whole configuration.
 */
import { describe, expect, it } from 'vitest';
import { stationConfigFromSettings } from '../../electron/station/stationConfigFromSettings';
import { parseStationConfig } from '../../electron/station/config';
import { StoredSettings } from '../../shared/stationSettings';

const labelCaps = { paperSizes: ['oe_4x6-label_4x6in'], color: false, duplex: false, maxCopies: 99 };

describe('label printers in Settings', () => {
  it('the raw options set in Settings reach the engine', () => {
    const settings = StoredSettings.parse({
      mongoUri: 'mongodb://db.shop.lan/',
      printers: [
        {
          systemName: '10.0.0.20:9100',
          displayName: 'Shipping Zebra',
          driverKind: 'raw',
          managed: true,
          requiresRetrieval: false,
          capabilities: labelCaps,
          language: 'zpl',
          dpi: 300,
          passThrough: true,
          rasterMode: 'dither',
          statusQuery: false,
        },
      ],
    });
    const printer = parseStationConfig(stationConfigFromSettings(settings, '/data')).printers[0]!;
    expect(printer).toMatchObject({
      driver: 'raw',
      language: 'zpl',
      dpi: 300,
      passThrough: true,
      rasterMode: 'dither',
      statusQuery: false,
    });
    expect(printer.capabilities.paperSizes).toEqual(['oe_4x6-label_4x6in']);
  });

  it('a raw printer saved without a language starts with one guessed from its name', () => {
    const settings = StoredSettings.parse({
      mongoUri: 'mongodb://db.shop.lan/',
      printers: [
        {
          systemName: '10.0.0.21:9100',
          displayName: 'Brother QL-820NWB',
          driverKind: 'raw',
          managed: true,
          requiresRetrieval: false,
          capabilities: labelCaps,
        },
      ],
    });
    expect(parseStationConfig(stationConfigFromSettings(settings, '/data')).printers[0]).toMatchObject({ language: 'brother_ql' });
  });
});
