/**
 * The station's own settings (what the Settings screen edits and the shell persists). The MongoDB URI is a secret:
 * the Electron shell keeps it with safeStorage, and the UI only ever sees it masked.
 */
import { z } from 'zod';
import { DriverKind, PrinterCapabilities } from './domain';
import { QuietHours } from './updatePolicy';

/** One printer this station manages, with what the operator allows it to print. */
export const ManagedPrinter = z.object({
  systemName: z.string().min(1),
  displayName: z.string().min(1).max(100),
  driverKind: DriverKind,
  managed: z.boolean(),
  requiresRetrieval: z.boolean(),
  capabilities: PrinterCapabilities,
  /** Raw 9100 label printers (issue 10): what the printer reads and how a PDF is made into its labels. */
  language: z.enum(['zpl', 'brother_ql']).optional(),
  dpi: z.number().int().min(100).max(1200).optional(),
  passThrough: z.boolean().optional(),
  rasterMode: z.enum(['threshold', 'dither']).optional(),
  statusQuery: z.boolean().optional(),
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

/** An allowedHosts entry: a host name, `.domain` (with its subdomains), an IPv4/IPv6 address or a range (`10.0.0.0/24`). */
const AllowedHost = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\.?[a-z0-9-]+(\.[a-z0-9-]+)*|[0-9a-f:.]+(\/\d{1,3})?)$/, 'an allowed host is a name, .domain, address or address/prefix');

/**
 * Where order files may come from (the engine's `fetch` policy). By default only public addresses: an order's
 * file URL must not reach this computer, the shop's LAN or the cloud's metadata service.
 */
export const FileSources = z.object({
  /** Empty: any host (with a public address). */
  allowedHosts: z.array(AllowedHost).max(100),
  /** Loopback and private-network addresses allowed (a file server on the shop's LAN). */
  allowPrivateNetworks: z.boolean(),
});
export type FileSources = z.infer<typeof FileSources>;

export const DEFAULT_FILE_SOURCES: FileSources = { allowedHosts: [], allowPrivateNetworks: false };

/**
 * Desktop updates (issue 12): where they come from, and the shop's quiet hour to install them in (none: when idle).
 * Kept in the settings file and not in SettingsInput on purpose: whoever sets the feed chooses the code this computer
 * runs next, which is the installer's or the administrator's call, not a Settings form's behind a 4-digit PIN.
 */
export const UpdateSettings = z.object({
  /** A generic update feed (the folder holding latest.yml); empty: the `publish` URL the installer was built with. */
  feedUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'the update feed is an http(s) address' })]),
  quietHours: QuietHours.nullable(),
});
export type UpdateSettings = z.infer<typeof UpdateSettings>;

export const DEFAULT_UPDATE_SETTINGS: UpdateSettings = { feedUrl: '', quietHours: null };

/** The catalogue languages an operator can pick (renderer/src/i18n's Locale). */
export const OperatorLanguage = z.enum(['en', 'de']);
export type OperatorLanguage = z.infer<typeof OperatorLanguage>;

/** Settings as stored (the PIN only as a salted hash). */
export const StoredSettings = z.object({
  stationName: z.string().max(100).default(''),
  mongoUri: z.string().default(''),
  dbName: z.string().max(64).default('print_station'),
  printers: z.array(ManagedPrinter).default([]),
  intervals: StationIntervals.default(DEFAULT_INTERVALS),
  fileSources: FileSources.default(DEFAULT_FILE_SOURCES),
  startOnLogin: z.boolean().default(true),
  operatorName: z.string().max(100).default(''),
  pinHash: z.string().optional(),
  updates: UpdateSettings.default(DEFAULT_UPDATE_SETTINGS),
  /** The language the operator picked in the console; the desktop's OS notifications speak it (issue 11). */
  locale: OperatorLanguage.optional(),
});
export type StoredSettings = z.infer<typeof StoredSettings>;

/** How the connection string is kept at rest (the desktop shell's safeStorage); absent where the shell does not say. */
export const SecretStorageView = z.object({
  protected: z.boolean(),
  /** keychain: encrypted by the OS; obscured: Linux basic_text (a constant key); plain: no secret storage at all. */
  level: z.enum(['keychain', 'obscured', 'plain']),
  message: z.string(),
});
export type SecretStorageView = z.infer<typeof SecretStorageView>;

/** Settings as the UI sees them: URI masked, PIN reduced to "is one set". */
export const SettingsView = z.object({
  stationName: z.string(),
  mongoUriMasked: z.string(),
  dbName: z.string(),
  printers: z.array(ManagedPrinter),
  intervals: StationIntervals,
  /** Defaulted so a settings file from before file sources existed still reads. */
  fileSources: FileSources.default(DEFAULT_FILE_SOURCES),
  startOnLogin: z.boolean(),
  operatorName: z.string(),
  pinSet: z.boolean(),
  secretStorage: SecretStorageView.optional(),
});
export type SettingsView = z.infer<typeof SettingsView>;

/** What the operator sends to save. `mongoUri` absent = unchanged; `newPin` null removes the PIN. */
export const SettingsInput = z.object({
  stationName: z.string().min(1, 'the station needs a name').max(100),
  mongoUri: z.string().min(1).optional(),
  dbName: z.string().min(1).max(64),
  printers: z.array(ManagedPrinter),
  intervals: StationIntervals,
  /** Absent: unchanged. */
  fileSources: FileSources.optional(),
  startOnLogin: z.boolean(),
  operatorName: z.string().max(100),
  newPin: z
    .string()
    .regex(/^\d{4,8}$/, 'the PIN is 4 to 8 digits')
    .nullable()
    .optional(),
});
export type SettingsInput = z.infer<typeof SettingsInput>;

/** Option names whose values are secrets (tlsCertificateKeyFilePassword, an AWS secret, any token or key). */
const SECRET_OPTION = /password|secret|token|key|credential/i;
const MASK = '•••';

/**
 * The connection string as the UI and the log may show it: the password and every secret option masked.
 * "mongodb+srv://anna:secret@cluster0.x.net/db" → "mongodb+srv://anna:•••@cluster0.x.net/db";
 * "…?authMechanismProperties=AWS_SESSION_TOKEN:abc" → "…?authMechanismProperties=AWS_SESSION_TOKEN:•••".
 */
export function maskMongoUri(uri: string): string {
  const scheme = /^mongodb(?:\+srv)?:\/\//i.exec(uri)?.[0];
  if (!scheme) return uri ? MASK : uri;
  let rest = uri.slice(scheme.length);
  // The user info ends at the "@" that is followed by the hosts (a raw password may itself hold @ / ? :).
  const at = rest.search(/@[^@/?]*(?:[/?]|$)/);
  let userInfo = '';
  if (at >= 0) {
    const user = rest.slice(0, at);
    userInfo = user.includes(':') ? `${user.slice(0, user.indexOf(':'))}:${MASK}@` : `${user}@`;
    rest = rest.slice(at + 1);
  }
  const q = rest.indexOf('?');
  if (q < 0) return scheme + userInfo + rest;
  const options = rest
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      if (SECRET_OPTION.test(name)) return `${name}=${MASK}`;
      if (/^authMechanismProperties$/i.test(name)) return `${name}=${maskProperties(pair.slice(eq + 1))}`;
      return pair;
    });
  return `${scheme}${userInfo}${rest.slice(0, q)}?${options.join('&')}`;
}

/** "AWS_SESSION_TOKEN:abc,SERVICE_NAME:x" → "AWS_SESSION_TOKEN:•••,SERVICE_NAME:x" (also when %-encoded). */
function maskProperties(value: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return MASK;
  }
  return decoded
    .split(',')
    .map((prop) => {
      const colon = prop.indexOf(':');
      const name = colon < 0 ? prop : prop.slice(0, colon);
      return colon >= 0 && SECRET_OPTION.test(name) ? `${name}:${MASK}` : prop;
    })
    .join(',');
}
