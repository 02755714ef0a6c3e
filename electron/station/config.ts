/**
 * StationConfig: everything a station needs to run, validated once at start. Sources, later ones winning:
 * defaults < JSON file (--config or PRINT_STATION_CONFIG) < environment < command-line flags.
 * Timing defaults are DESIGN §7; tests and the demo shorten them through the same schema.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import { DriverKind, MediaName, PrinterCapabilities } from '../../shared/domain';
import { DEFAULT_CLOCK_SKEW_MARGIN_MS } from '../db/orderQueries';

export const PrinterConfig = z
  .object({
    /** Stable fleet-wide id (`printers.printer_id`); derived from the station id and the name when absent. */
    id: z.string().min(1).optional(),
    name: z.string().min(1),
    driver: DriverKind,
    /** The name the OS / driver knows the printer by; defaults to `name`. */
    systemName: z.string().min(1).optional(),
    capabilities: PrinterCapabilities.default({ paperSizes: ['A4'], color: false, duplex: false, maxCopies: 99 }),
    requiresRetrieval: z.boolean().default(false),
    autoPrint: z.boolean().default(true),
    /** Virtual printers only: time per page and where printed jobs land (default: <dataDir>/virtual/<name>). */
    msPerPage: z.number().int().min(0).optional(),
    outputDir: z.string().optional(),
    /** Driverless IPP printers only: the printer's address, e.g. ipp://10.0.0.7:631/ipp/print (becomes systemName). */
    uri: z
      .string()
      .regex(/^ipps?:\/\/[^\s/]+/i, 'must be an ipp:// or ipps:// address')
      .optional(),
    /**
     * The media loaded (short names or PWG 5101.1 names such as `oe_4x6-label_4x6in`, `roll_max_62x1000mm`); when
     * given, this is what the printer claims (capabilities.paperSizes) and what a label printer renders for.
     */
    media: z.array(MediaName).min(1).optional(),
    /** Raw 9100 printers: the language the printer reads; a PDF is rendered and encoded in it, never sent as is. */
    language: z.enum(['zpl', 'brother_ql']).optional(),
    /** Raw 9100 printers: dots per inch of the print head (Zebra 203/300/600, Brother QL 300). */
    dpi: z.number().int().min(100).max(1200).optional(),
    /** Raw ZPL printers: order files that already are ZPL (`^XA…`) are sent unchanged. Off: only PDFs are taken. */
    passThrough: z.boolean().default(false),
    /** Raw 9100 printers: 1-bit by threshold (barcodes, text) or by dithering (photos). */
    rasterMode: z.enum(['threshold', 'dither']).default('threshold'),
    /** Raw 9100 printers in threshold mode: the grey level (0-255) below which a dot is black. */
    threshold: z.number().int().min(0).max(255).optional(),
    /**
     * Raw 9100 printers: follow each job with the printer's status query (Zebra ~HS, Brother ESC i S) until it says
     * the labels came out. Off for a printer that never answers it: its jobs end "sent without confirmation".
     */
    statusQuery: z.boolean().default(true),
  })
  .refine((p) => p.driver !== 'ipp' || p.uri || /^ipps?:\/\//i.test(p.systemName ?? ''), {
    message: 'a driverless IPP printer (driver "ipp") needs "uri", e.g. ipp://printer.local:631/ipp/print',
    path: ['uri'],
  })
  // The IPP driver addresses a printer by its URI: that is its systemName.
  .overwrite((p) => (p.driver === 'ipp' && p.uri && !p.systemName ? { ...p, systemName: p.uri } : p))
  .refine((p) => p.driver !== 'raw' || p.language, {
    message: 'a raw 9100 printer needs "language": "zpl" or "brother_ql" (a label printer cannot read a PDF)',
    path: ['language'],
  })
  .refine((p) => !p.passThrough || (p.driver === 'raw' && p.language === 'zpl'), {
    message: 'passThrough sends ZPL order files unchanged, so it needs "driver": "raw" with "language": "zpl"',
    path: ['passThrough'],
  })
  // The media loaded are what the printer claims.
  .overwrite((p) => (p.media ? { ...p, capabilities: { ...p.capabilities, paperSizes: p.media } } : p));
export type PrinterConfig = z.infer<typeof PrinterConfig>;

/** What a printer takes as an order file: every printer takes PDF; a ZPL printer set to pass through also ZPL. */
export type OrderFileFormat = 'pdf' | 'zpl';
export function formatsAccepted(printer: Pick<PrinterConfig, 'driver' | 'language' | 'passThrough'>): OrderFileFormat[] {
  return printer.driver === 'raw' && printer.language === 'zpl' && printer.passThrough ? ['pdf', 'zpl'] : ['pdf'];
}

export const Intervals = z.object({
  healthMs: z.number().int().positive().default(30_000),
  /** Printer health is written when it changes; unchanged, `last_seen_at` is still refreshed this often. */
  printerKeepAliveMs: z
    .number()
    .int()
    .positive()
    .default(5 * 60_000),
  leaseMs: z.number().int().positive().default(60_000),
  leaseRenewMs: z.number().int().positive().default(15_000),
  /** Leases are compared with a margin so a station whose clock runs a little fast or slow is not robbed. */
  clockSkewMarginMs: z.number().int().min(0).default(DEFAULT_CLOCK_SKEW_MARGIN_MS),
  reaperMs: z.number().int().positive().default(60_000),
  /** Orders no active printer can print are looked for this often (they wait capabilityGraceMs anyway). */
  unprintableMs: z
    .number()
    .int()
    .positive()
    .default(5 * 60_000),
  /** Queue counts are re-read when the change feed signals, after this station's outcomes, and at least this often. */
  countsMs: z
    .number()
    .int()
    .positive()
    .default(5 * 60_000),
  /** Counts re-read on change-feed signals at most this often; the last change within the interval is re-read at its end. */
  countsThrottleMs: z.number().int().min(0).default(2_000),
  metricsMs: z
    .number()
    .int()
    .positive()
    .default(5 * 60_000),
  /** The change stream only wakes the claimers; this poll goes on regardless. */
  safetyPollMs: z.number().int().positive().default(30_000),
  /** Polling that takes over when change streams are unavailable. */
  pollFallbackMs: z.number().int().positive().default(5_000),
  /** How long mongod may hold an empty getMore of the change stream (an event ends it at once); capped below socketTimeoutMS. */
  changeStreamAwaitMs: z.number().int().positive().default(30_000),
  /** On servers that answer an empty getMore at once, the longest pause between asks while the shop is quiet. */
  changeStreamPauseMaxMs: z.number().int().positive().default(5_000),
  maxPrintDurationMs: z
    .number()
    .int()
    .positive()
    .default(30 * 60_000),
  /** How often a spooler job is asked for its state while printing. */
  jobPollMs: z.number().int().positive().default(1_000),
  /** How often the held order is re-read (cancel requests, retrieval confirmed from another station). */
  orderPollMs: z.number().int().positive().default(5_000),
  /** An order no active printer can print becomes failed/capability_mismatch after this long. */
  capabilityGraceMs: z
    .number()
    .int()
    .min(0)
    .default(10 * 60_000),
  /** On shutdown, how long jobs already at the spooler are followed before they are left to the journal. */
  shutdownGraceMs: z.number().int().min(0).default(10_000),
  /** Pause after a database error before a loop tries again. */
  dbRetryMs: z.number().int().positive().default(2_000),
});
export type Intervals = z.infer<typeof Intervals>;

export const DatabaseOptions = z.object({
  serverSelectionTimeoutMS: z.number().int().positive().default(10_000),
  heartbeatFrequencyMS: z.number().int().positive().default(10_000),
  connectTimeoutMS: z.number().int().positive().default(10_000),
  socketTimeoutMS: z.number().int().min(0).default(60_000),
  useChangeStreams: z.boolean().default(true),
  /** The link counts as offline once it has been failing this long (degraded before that). */
  offlineAfterMs: z.number().int().positive().default(15_000),
});

export const FetchOptions = z.object({
  timeoutMs: z.number().int().positive().default(60_000),
  maxBytes: z
    .number()
    .int()
    .positive()
    .default(100 * 1024 * 1024),
  /** Only these hosts: names, `.domain`s, addresses or ranges (`10.0.0.0/24`, allowed even when private). */
  allowedHosts: z.array(z.string().min(1)).optional(),
  /** File URLs may reach loopback, private, link-local and CGNAT addresses. Off: public addresses only. */
  allowPrivateNetworks: z.boolean().default(false),
  maxFilesPerOrder: z.number().int().positive().default(20),
  /** All files of one order together. */
  maxOrderBytes: z
    .number()
    .int()
    .positive()
    .default(200 * 1024 * 1024),
});
export type FetchOptions = z.infer<typeof FetchOptions>;

/** Virtual printers (demo, tests, fault drills): where their folders live and how a crash treats their queue. */
export const VirtualOptions = z.object({
  /** Default: <dataDir>/virtual-printers. */
  root: z.string().optional(),
  msPerPage: z.number().int().min(0).default(300),
  /** 'resume': the spooler outlived the station (kill -9); 'forget': a power cut took the queue with it. */
  afterCrash: z.enum(['resume', 'forget']).default('resume'),
});

export const StationConfig = z.object({
  mongodbUri: z.string().min(1),
  dbName: z.string().min(1).default('printshop'),
  station: z
    .object({
      /** Stable id (`stations._id`); kept in <dataDir>/station-id when not given. */
      id: z.string().min(1).optional(),
      name: z.string().min(1).default(os.hostname()),
    })
    .default({ name: os.hostname() }),
  dataDir: z.string().min(1).default(path.join(os.homedir(), '.print-station')),
  printers: z.array(PrinterConfig).default([]),
  intervals: Intervals.default(Intervals.parse({})),
  database: DatabaseOptions.default(DatabaseOptions.parse({})),
  fetch: FetchOptions.default(FetchOptions.parse({})),
  virtual: VirtualOptions.default(VirtualOptions.parse({})),
  log: z
    .object({
      level: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
      console: z.boolean().default(true),
      file: z.boolean().default(true),
    })
    .default({ level: 'info', console: true, file: true }),
});
export type StationConfig = z.infer<typeof StationConfig>;
export type StationConfigInput = z.input<typeof StationConfig>;

/** Parses a config object; the error lists every bad field in one sentence each. */
export function parseStationConfig(input: unknown): StationConfig {
  const result = StationConfig.safeParse(input);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
  throw new Error(`Invalid station configuration:\n${lines.join('\n')}`);
}

/**
 * Whether a settings save changes what the engine runs on. A save of the PIN or an operator's name does not: the
 * station goes on printing undisturbed instead of stopping its engine ('settings changed') and starting another.
 */
export function engineConfigChanged(running: StationConfig | undefined, next: StationConfig): boolean {
  return !running || !isDeepStrictEqual(running, next);
}

export interface ConfigFlags {
  config?: string;
  mongodbUri?: string;
  db?: string;
  name?: string;
  id?: string;
  dataDir?: string;
  logLevel?: string;
  /** Adds N virtual printers ("Virtual 1".."Virtual N") when the config names none. */
  virtualPrinters?: number;
}

/** The config file a station is started with (--config, else PRINT_STATION_CONFIG), if any. */
export function configFileOf(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return flags.config ?? (env.PRINT_STATION_CONFIG || undefined);
}

/** defaults < file < env < flags. */
export function loadStationConfig(flags: ConfigFlags = {}, env: NodeJS.ProcessEnv = process.env): StationConfig {
  const file = configFileOf(flags, env);
  const fromFile: Record<string, unknown> = file ? readJson(file) : {};
  const merged: Record<string, unknown> = { ...fromFile };
  const station = { ...((fromFile.station as object) ?? {}) } as Record<string, unknown>;
  const set = (key: string, value: unknown) => {
    if (value !== undefined && value !== '') merged[key] = value;
  };
  const setStation = (key: string, value: unknown) => {
    if (value !== undefined && value !== '') station[key] = value;
  };
  set('mongodbUri', env.MONGODB_URI);
  set('dbName', env.MONGODB_DB);
  setStation('name', env.PRINT_STATION_NAME);
  setStation('id', env.PRINT_STATION_ID);
  set('dataDir', env.PRINT_STATION_DATA_DIR);
  set('mongodbUri', flags.mongodbUri);
  set('dbName', flags.db);
  setStation('name', flags.name);
  setStation('id', flags.id);
  set('dataDir', flags.dataDir);
  if (flags.logLevel) merged.log = { ...((merged.log as object) ?? {}), level: flags.logLevel };
  merged.station = station;
  const printers = (merged.printers as unknown[] | undefined) ?? [];
  if (printers.length === 0 && flags.virtualPrinters) {
    merged.printers = Array.from({ length: flags.virtualPrinters }, (_, i) => ({
      name: `Virtual ${i + 1}`,
      driver: 'virtual',
      requiresRetrieval: i === 0,
      capabilities: { paperSizes: ['A4', 'A5', 'Letter'], color: true, duplex: true, maxCopies: 99 },
    }));
  }
  if (!merged.mongodbUri) {
    throw new Error('No database: set MONGODB_URI, pass --mongodb-uri, or put "mongodbUri" in the config file.');
  }
  return parseStationConfig(merged);
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new Error(`Cannot read the config file ${file}: ${(error as Error).message}`);
  }
}

/** printers.printer_id for a configured printer: stable across restarts, unique across the fleet. */
export function printerIdOf(stationId: string, printer: Pick<PrinterConfig, 'id' | 'name'>): string {
  return printer.id ?? `${stationId}:${printer.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
}
