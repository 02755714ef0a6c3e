/**
 * A thin promise wrapper around `@sealsystems/ipp` for talking to one CUPS server (host:port).
 * Only transport lives here; what the answers mean is decided in cupsStates.ts.
 */
import os from 'node:os';
import ipp, { type IppGroup, type IppMessage, type IppValue } from '@sealsystems/ipp';
import { PrintFailure, sentVerdictOfSocketError } from './driver';

export const DEFAULT_CUPS_SERVER = 'localhost:631';

/** An IPP answer whose status is not `successful-ok…` (e.g. `server-error-not-accepting-jobs`). */
export class IppStatusError extends Error {
  constructor(
    readonly operation: string,
    readonly statusCode: string,
    readonly statusMessage: string | undefined,
  ) {
    super(`${operation} answered ${statusCode}${statusMessage ? ` (${statusMessage})` : ''}`);
    this.name = 'IppStatusError';
  }
}

export interface CupsIppClientOptions {
  /** host:port of cupsd; defaults to $CUPS_SERVER, then localhost:631. */
  server?: string;
  /**
   * CUPS hides job names from other users (JobPrivateValues), so every request names the same user: a new
   * driver instance on the same machine then sees the names of the jobs an earlier one submitted.
   */
  requestingUserName?: string;
  timeoutMs?: number;
}

export class CupsIppClient {
  readonly server: string;
  readonly requestingUserName: string;
  private readonly timeoutMs: number;

  constructor(options: CupsIppClientOptions = {}) {
    this.server = normaliseServer(options.server ?? process.env.CUPS_SERVER ?? DEFAULT_CUPS_SERVER);
    this.requestingUserName = options.requestingUserName ?? safeUserName();
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  printerUri(systemName: string): string {
    return `ipp://${this.server}/printers/${encodeURIComponent(systemName)}`;
  }

  /** Sends one operation; `target` is a printer's queue name, or undefined for server-wide operations. */
  async call(
    operation: string,
    target: string | undefined,
    operationAttributes: IppGroup = {},
    extra: { jobAttributes?: IppGroup; data?: Buffer | NodeJS.ReadableStream } = {},
  ): Promise<IppMessage> {
    const uri = target === undefined ? `ipp://${this.server}/` : this.printerUri(target);
    const where = { httpUrl: uri.replace(/^ipp:/, 'http:'), uri, timeoutMs: this.timeoutMs, requestingUserName: this.requestingUserName };
    return executeIpp(where, operation, operationAttributes, extra, (err) => unreachable(this.server, err));
  }
}

/**
 * One IPP operation over HTTP(S): the transport the CUPS client and the driverless printer client share. A status
 * other than successful-ok… throws IppStatusError; a connection that fails throws what `unreachable` makes of it.
 */
export async function executeIpp(
  where: { httpUrl: string; uri: string; timeoutMs: number; requestingUserName: string },
  operation: string,
  operationAttributes: IppGroup,
  extra: { jobAttributes?: IppGroup; data?: Buffer | NodeJS.ReadableStream },
  unreachable: (err: unknown) => Error,
): Promise<IppMessage> {
  const printer = ipp.Printer(where.httpUrl, { uri: where.uri, timeout: where.timeoutMs });
  const message: IppMessage = {
    'operation-attributes-tag': { 'requesting-user-name': where.requestingUserName, ...operationAttributes },
  };
  if (extra.jobAttributes && Object.keys(extra.jobAttributes).length > 0) message['job-attributes-tag'] = extra.jobAttributes;
  if (extra.data) message.data = extra.data;

  const response = await new Promise<IppMessage>((resolve, reject) => {
    printer.execute(operation, message, (err, res) => (err ? reject(err) : resolve(res)));
  }).catch((err: unknown) => {
    throw unreachable(err);
  });
  const status = response.statusCode ?? 'unknown';
  if (!status.startsWith('successful')) {
    const statusMessage = asString(response['operation-attributes-tag']?.['status-message']);
    throw new IppStatusError(operation, status, statusMessage);
  }
  return response;
}

/** Groups of one tag as an array: the parser returns a bare object for one group, an array for several. */
export function groups(response: IppMessage, tag: 'job-attributes-tag' | 'printer-attributes-tag'): IppGroup[] {
  const value = response[tag];
  if (!value) return [];
  return Array.isArray(value) ? value : [value];
}

export function asArray(value: IppValue | undefined): IppValue[] {
  if (value === undefined || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

export function asStrings(value: IppValue | undefined): string[] {
  return asArray(value).map((v) => stripLanguage(String(v)));
}

export function asString(value: IppValue | undefined): string | undefined {
  const first = asArray(value)[0];
  return first === undefined ? undefined : stripLanguage(String(first));
}

export function asNumber(value: IppValue | undefined): number | undefined {
  const first = asArray(value)[0];
  return typeof first === 'number' ? first : undefined;
}

// The parser renders nameWithLanguage as "lang\u001evalue".
function stripLanguage(value: string): string {
  const separator = value.indexOf('\u001e');
  return separator >= 0 ? value.slice(separator + 1) : value;
}

function normaliseServer(server: string): string {
  const bare = server.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
  // A CUPS_SERVER naming a domain socket cannot be reached over IPP/HTTP: use the local TCP port instead.
  if (bare.startsWith('/') || bare === '') return DEFAULT_CUPS_SERVER;
  return bare.includes(':') ? bare : `${bare}:631`;
}

/** The user every request names (CUPS shows job names only to their owner). */
export function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'print-station';
  }
}

function unreachable(server: string, err: unknown): PrintFailure {
  const code = (err as { code?: string }).code;
  const detail = code ?? (err instanceof Error ? err.message : String(err));
  return new PrintFailure(
    'printer_offline',
    `The CUPS print service at ${server} is not answering (${detail}); check that cupsd is running.`,
    // Refused or unresolvable: no connection, nothing sent. A reset or timeout may come after the upload.
    { cause: err, sent: sentVerdictOfSocketError(code) },
  );
}
