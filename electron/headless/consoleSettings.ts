/**
 * What a headless station runs on once its operator console has saved Settings: the saved printers, station name,
 * timings and file sources laid over the start config (config file, environment, flags). The console's last save
 * wins, at start and when it is saved, so what the Settings page shows is what prints. The database, the station id,
 * the data dir and everything the page cannot edit stay as the station was started.
 */
import type { StoredSettings } from '../../shared/stationSettings';
import { parseStationConfig, type PrinterConfig, type StationConfig } from '../station/config';
import {
  fetchFromSettings,
  intervalsFromSettings,
  printerConfigFromSettings,
  settingsIntervalsOf,
  type PrinterConfigInput,
} from '../station/stationConfigFromSettings';
import type { ManagedPrinter } from '../../shared/stationSettings';

export interface SettingsSources {
  settingsFile: string;
  /** The config file the station was started with; absent: it was configured by flags and environment only. */
  configFile?: string;
}

export interface SettingsOverConfig {
  config: StationConfig;
  /** One line for the log when the saved settings decided (or were refused); null when the config file decides alone. */
  note: string | null;
}

/**
 * Saved settings with printers (managed or not: the operator's last word on this station's printers) win over the
 * start config. Saved settings without printers (a console that only set a PIN on a station with none) leave the
 * start config as it is. Saved settings the engine would refuse leave it too, and the note says why.
 */
export function withConsoleSettings(start: StationConfig, saved: StoredSettings | null, where: SettingsSources): SettingsOverConfig {
  if (!saved || saved.printers.length === 0) return { config: start, note: null };
  const over = where.configFile ? `those of ${where.configFile}` : 'those of the command line';
  try {
    const config = applySettings(start, saved);
    const count = config.printers.length;
    return {
      config,
      note:
        `Printers and timings: ${count} printer${count === 1 ? '' : 's'} and the timings saved from the operator console ` +
        `(${where.settingsFile}) are used over ${over}, because the console's last save is what its Settings page shows. ` +
        `To run on the config file's printers again, set "printers": [] in ${where.settingsFile}.`,
    };
  } catch (error) {
    return {
      config: start,
      note: `The settings saved from the operator console (${where.settingsFile}) cannot run on this station, so the printers and timings of ${where.configFile ?? 'the command line'} are used: ${(error as Error).message}`,
    };
  }
}

/** The start config with the saved settings over it; throws a sentence when the engine would refuse the result. */
export function applySettings(start: StationConfig, saved: StoredSettings): StationConfig {
  const unchanged = settingsIntervalsOf(start.intervals);
  const edited = intervalsFromSettings(saved.intervals);
  // A timing the operator left as shown keeps the start config's exact value (the page rounds to seconds).
  const intervals = { ...start.intervals };
  if (saved.intervals.healthCheckSeconds !== unchanged.healthCheckSeconds) intervals.healthMs = edited.healthMs!;
  if (saved.intervals.leaseSeconds !== unchanged.leaseSeconds)
    Object.assign(intervals, { leaseMs: edited.leaseMs, leaseRenewMs: edited.leaseRenewMs });
  if (saved.intervals.reaperSeconds !== unchanged.reaperSeconds) intervals.reaperMs = edited.reaperMs!;
  if (saved.intervals.pollSeconds !== unchanged.pollSeconds) intervals.pollFallbackMs = edited.pollFallbackMs!;
  if (saved.intervals.metricsMinutes !== unchanged.metricsMinutes) intervals.metricsMs = edited.metricsMs!;
  return parseStationConfig({
    ...start,
    station: { ...start.station, name: saved.stationName || start.station.name },
    printers: saved.printers.filter((p) => p.managed).map((p) => printerOver(start.printers, p)),
    intervals,
    fetch: { ...withoutHosts(start.fetch), ...fetchFromSettings(saved.fileSources) },
  });
}

/**
 * A saved printer over the config file's entry for the same printer (driver and system name), so what only the
 * config file can say (an IPP address, a virtual printer's speed, autoPrint, the id) survives a save.
 */
function printerOver(configured: PrinterConfig[], saved: ManagedPrinter): PrinterConfigInput {
  const from = configured.find((c) => c.driver === saved.driverKind && (c.systemName ?? c.name) === saved.systemName);
  const edited = printerConfigFromSettings(saved);
  if (!from) return edited;
  const { media, ...rest } = from;
  // The media loaded are what the printer claims; paper sizes edited in the console replace them.
  const sameMedia = media && sameList(media, saved.capabilities.paperSizes);
  return { ...rest, ...(sameMedia ? { media } : {}), ...edited };
}

/** The saved file sources say the whole host list: none saved means any host. */
function withoutHosts(fetch: StationConfig['fetch']): Omit<StationConfig['fetch'], 'allowedHosts'> {
  const { allowedHosts: _replaced, ...rest } = fetch;
  return rest;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
