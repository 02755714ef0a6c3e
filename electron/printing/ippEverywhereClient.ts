/**
 * Transport for driverless IPP (IPP Everywhere / AirPrint): one operation to one printer URI such as
 * `ipp://10.0.0.7:631/ipp/print`. The value helpers and IppStatusError are the CUPS client's own; only where the
 * request goes differs (the printer itself, not a CUPS queue). What the answers mean lives in ippEverywhereStates.ts.
 */
import type { IppGroup, IppMessage } from '@sealsystems/ipp';
import { PrintFailure, sentVerdictOfSocketError } from './driver';
import { executeIpp, safeUserName } from './cupsIppClient';

export interface IppPrinterClientOptions {
  timeoutMs?: number;
  requestingUserName?: string;
}

/** `ipp://host[:port]/path` or `ipps://…`, checked; the port defaults to 631 as RFC 8010 says. */
export function parsePrinterUri(uri: string): { scheme: 'ipp' | 'ipps'; host: string; port: number; path: string } {
  const match = /^(ipps?):\/\/(\[[^\]]+\]|[^/:\s]+)(?::(\d+))?(\/[^\s]*)?$/i.exec(uri.trim());
  if (!match)
    throw new PrintFailure('printer_offline', `"${uri}" is not a printer address; use ipp://HOST[:PORT]/ipp/print.`, { sent: 'no' });
  return {
    scheme: match[1]!.toLowerCase() as 'ipp' | 'ipps',
    host: match[2]!,
    port: Number(match[3] ?? 631),
    path: match[4] ?? '/ipp/print',
  };
}

export class IppPrinterClient {
  private readonly timeoutMs: number;
  private readonly requestingUserName: string;

  constructor(options: IppPrinterClientOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.requestingUserName = options.requestingUserName ?? safeUserName();
  }

  /** One operation on the printer at `uri`; a status other than successful-ok… throws IppStatusError. */
  async call(
    uri: string,
    operation: string,
    operationAttributes: IppGroup = {},
    extra: { jobAttributes?: IppGroup; data?: Buffer | NodeJS.ReadableStream } = {},
  ): Promise<IppMessage> {
    const { scheme, host, port, path } = parsePrinterUri(uri);
    const printerUri = `${scheme}://${host}:${port}${path}`;
    const httpUrl = `${scheme === 'ipps' ? 'https' : 'http'}://${host}:${port}${path}`;
    const where = { httpUrl, uri: printerUri, timeoutMs: this.timeoutMs, requestingUserName: this.requestingUserName };
    return executeIpp(where, operation, operationAttributes, extra, (err) => unreachable(printerUri, err));
  }
}

function unreachable(uri: string, err: unknown): PrintFailure {
  const code = (err as { code?: string }).code;
  const detail = code ?? (err instanceof Error ? err.message : String(err));
  return new PrintFailure(
    'printer_offline',
    `The printer at ${uri} is not answering (${detail}); check that it is switched on and on the network.`,
    // Refused or unresolvable: no connection, nothing sent. A reset or timeout may come after the upload.
    { cause: err, sent: sentVerdictOfSocketError(code) },
  );
}
