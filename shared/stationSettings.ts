/**
 * The station's own settings (what the Settings screen edits and the shell persists). The MongoDB URI is a secret:
 * the Electron shell keeps it with safeStorage, and the UI only ever sees it masked.
 */
import { z } from 'zod';
import { DriverKind, PrinterCapabilities } from './domain';

/** One printer this station manages, with what the operator allows it to print. */
export const ManagedPrinter = z.object({
  systemName: z.string().min(1),
  displayName: z.string().min(1).max(100),
  driverKind: DriverKind,
  managed: z.boolean(),
  requiresRetrieval: z.boolean(),
  capabilities: PrinterCapabilities,
});
export type ManagedPrinter = z.infer<typeof ManagedPrinter>;

export const StationIntervals = z.object({
  healthCheckSeconds: z.number().int().min(5).max(3600),
  leaseSeconds: z.number().int().min(15).max(3600),
  reaperSeconds: z.number().int().min(10).max(3600),
  pollSeconds: z.number().int().min(1).max(600),
  metricsMinutes: z.number().int().min(1).max(60),
});
export type StationIntervals = z.infer<typeof StationIntervals>;

export const DEFAULT_INTERVALS: StationIntervals = {
  healthCheckSeconds: 30,
  leaseSeconds: 60,
  reaperSeconds: 60,
  pollSeconds: 5,
  metricsMinutes: 5,
};

/** Settings as stored (the PIN only as a salted hash). */
export const StoredSettings = z.object({
  stationName: z.string().max(100).default(''),
  mongoUri: z.string().default(''),
  dbName: z.string().max(64).default('print_station'),
  printers: z.array(ManagedPrinter).default([]),
  intervals: StationIntervals.default(DEFAULT_INTERVALS),
  startOnLogin: z.boolean().default(true),
  operatorName: z.string().max(100).default(''),
  pinHash: z.string().optional(),
});
export type StoredSettings = z.infer<typeof StoredSettings>;

/** Settings as the UI sees them: URI masked, PIN reduced to "is one set". */
export const SettingsView = z.object({
  stationName: z.string(),
  mongoUriMasked: z.string(),
  dbName: z.string(),
  printers: z.array(ManagedPrinter),
  intervals: StationIntervals,
  startOnLogin: z.boolean(),
  operatorName: z.string(),
  pinSet: z.boolean(),
});
export type SettingsView = z.infer<typeof SettingsView>;

/** What the operator sends to save. `mongoUri` absent = unchanged; `newPin` null removes the PIN. */
export const SettingsInput = z.object({
  stationName: z.string().min(1, 'the station needs a name').max(100),
  mongoUri: z.string().min(1).optional(),
  dbName: z.string().min(1).max(64),
  printers: z.array(ManagedPrinter),
  intervals: StationIntervals,
  startOnLogin: z.boolean(),
  operatorName: z.string().max(100),
  newPin: z
    .string()
    .regex(/^\d{4,8}$/, 'the PIN is 4 to 8 digits')
    .nullable()
    .optional(),
});
export type SettingsInput = z.infer<typeof SettingsInput>;

/** "mongodb+srv://anna:secret@cluster0.x.net/db" → "mongodb+srv://anna:•••@cluster0.x.net/db". */
export function maskMongoUri(uri: string): string {
  return uri.replace(/^(mongodb(?:\+srv)?:\/\/[^:/@]+):[^@]*@/, '$1:•••@');
}
