/**
 * What the desktop app's Settings mean for the engine: StoredSettings (what the operator edits) → StationConfig
 * (what StationEngine runs on). Only managed printers are driven; the lease is renewed four times per lease.
 */
import type { StationConfigInput } from '../station/config';
import type { ManagedPrinter, StoredSettings } from '../../shared/stationSettings';
import { guessRawLanguage } from '../printing/rawLanguage';

/** Null while the station is not configured (first run: the onboarding is shown instead). */
export function stationConfigFromSettings(settings: StoredSettings, dataDir: string): StationConfigInput | null {
  if (!settings.mongoUri) return null;
  const i = settings.intervals;
  const files = settings.fileSources;
  return {
    mongodbUri: settings.mongoUri,
    dbName: settings.dbName,
    station: { name: settings.stationName || 'Print station' },
    dataDir,
    printers: settings.printers
      .filter((p) => p.managed)
      .map((p) => ({
        name: p.displayName,
        driver: p.driverKind,
        systemName: p.systemName,
        capabilities: p.capabilities,
        requiresRetrieval: p.requiresRetrieval,
        ...(p.driverKind === 'raw' ? rawOptions(p) : {}),
      })),
    intervals: {
      healthMs: i.healthCheckSeconds * 1000,
      leaseMs: i.leaseSeconds * 1000,
      leaseRenewMs: Math.max(1000, Math.floor((i.leaseSeconds * 1000) / 4)),
      reaperMs: i.reaperSeconds * 1000,
      pollFallbackMs: i.pollSeconds * 1000,
      metricsMs: i.metricsMinutes * 60_000,
    },
    fetch: {
      allowPrivateNetworks: files.allowPrivateNetworks,
      ...(files.allowedHosts.length > 0 ? { allowedHosts: files.allowedHosts } : {}),
    },
  };
}

/**
 * A raw label printer's options. One saved before they existed gets a language guessed from its name, so the
 * station still starts; the Settings row shows the guess for the operator to confirm.
 */
function rawOptions(p: ManagedPrinter) {
  const language = p.language ?? guessRawLanguage(`${p.displayName} ${p.systemName}`);
  return {
    language,
    ...(p.dpi ? { dpi: p.dpi } : {}),
    // Pass-through is a ZPL printer's option only; the config refuses it on any other.
    ...(p.passThrough !== undefined ? { passThrough: p.passThrough && language === 'zpl' } : {}),
    ...(p.rasterMode ? { rasterMode: p.rasterMode } : {}),
    ...(p.statusQuery !== undefined ? { statusQuery: p.statusQuery } : {}),
  };
}
