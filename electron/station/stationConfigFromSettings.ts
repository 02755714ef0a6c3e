/**
 * What the Settings page means for the engine: StoredSettings (what the operator edits) → StationConfig (what
 * StationEngine runs on). Only managed printers are driven; the lease is renewed four times per lease.
 * The desktop runs on the settings alone; a headless station lays them over its start config (headless/consoleSettings).
 */
import type { FetchOptions, Intervals, StationConfigInput } from './config';
import type { FileSources, ManagedPrinter, StationIntervals, StoredSettings } from '../../shared/stationSettings';
import { guessRawLanguage } from '../printing/rawLanguage';

/** A printer as the config file or the settings give it (before defaults). */
export type PrinterConfigInput = NonNullable<StationConfigInput['printers']>[number];

/** Null while the station is not configured (first run: the onboarding is shown instead). */
export function stationConfigFromSettings(settings: StoredSettings, dataDir: string): StationConfigInput | null {
  if (!settings.mongoUri) return null;
  return {
    mongodbUri: settings.mongoUri,
    dbName: settings.dbName,
    station: { name: settings.stationName || 'Print station' },
    dataDir,
    printers: settings.printers.filter((p) => p.managed).map(printerConfigFromSettings),
    intervals: intervalsFromSettings(settings.intervals),
    fetch: fetchFromSettings(settings.fileSources),
  };
}

/** One managed printer as the engine's config input. */
export function printerConfigFromSettings(p: ManagedPrinter): PrinterConfigInput {
  return {
    name: p.displayName,
    driver: p.driverKind,
    systemName: p.systemName,
    capabilities: p.capabilities,
    requiresRetrieval: p.requiresRetrieval,
    ...(p.driverKind === 'raw' ? rawOptions(p) : {}),
  };
}

/** The timings the Settings page edits, in the engine's milliseconds. */
export function intervalsFromSettings(i: StationIntervals): Partial<Intervals> {
  return {
    healthMs: i.healthCheckSeconds * 1000,
    leaseMs: i.leaseSeconds * 1000,
    leaseRenewMs: Math.max(1000, Math.floor((i.leaseSeconds * 1000) / 4)),
    reaperMs: i.reaperSeconds * 1000,
    pollFallbackMs: i.pollSeconds * 1000,
    metricsMs: i.metricsMinutes * 60_000,
  };
}

/** The engine's timings as the Settings page shows them (whole seconds and minutes, within the page's limits). */
export function settingsIntervalsOf(
  i: Pick<Intervals, 'healthMs' | 'leaseMs' | 'reaperMs' | 'pollFallbackMs' | 'metricsMs'>,
): StationIntervals {
  return {
    healthCheckSeconds: Math.max(5, Math.round(i.healthMs / 1000)),
    leaseSeconds: Math.max(15, Math.round(i.leaseMs / 1000)),
    reaperSeconds: Math.max(10, Math.round(i.reaperMs / 1000)),
    pollSeconds: Math.max(1, Math.round(i.pollFallbackMs / 1000)),
    metricsMinutes: Math.max(1, Math.round(i.metricsMs / 60_000)),
  };
}

/** Where order files may come from, as the engine's fetch policy. */
export function fetchFromSettings(files: FileSources): Partial<FetchOptions> {
  return {
    allowPrivateNetworks: files.allowPrivateNetworks,
    ...(files.allowedHosts.length > 0 ? { allowedHosts: files.allowedHosts } : {}),
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
