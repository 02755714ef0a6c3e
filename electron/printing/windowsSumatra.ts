/**
 * Printing a PDF on Windows with the SumatraPDF that pdf-to-printer bundles. We call the executable ourselves,
 * with the same arguments pdf-to-printer builds, because its print() has no timeout and SumatraPDF can hang or exit 0
 * on failure (DESIGN §8): execFile's timeout kills this one process, by its own pid.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { paperSizeFromName, type PaperSize, type PrintingOptions } from '../../shared/domain';
import { PrintFailure } from './driver';

/** SumatraPDF's paper names; a label size is left to the driver's default form, which a label printer is set up with. */
const SUMATRA_PAPER: Partial<Record<PaperSize, string>> = { A3: 'A3', A4: 'A4', A5: 'A5', A6: 'A6', Letter: 'letter', Legal: 'legal' };

export function sumatraArgs(printerName: string, filePath: string, options: PrintingOptions): string[] {
  const settings = [options.color ? 'color' : 'monochrome', options.duplex ? 'duplexlong' : 'simplex'];
  // A PWG name of a sheet size (iso_a4_210x297mm) is that sheet; other media stay with the driver's form.
  const size = paperSizeFromName(options.paperSize);
  const paper = size && SUMATRA_PAPER[size];
  if (paper) settings.push(`paper=${paper}`);
  if (options.copies > 1) settings.push(`${options.copies}x`);
  return ['-print-to', printerName, '-silent', '-print-settings', settings.join(','), filePath];
}

/** The SumatraPDF inside pdf-to-printer; in a packaged app it lives in app.asar.unpacked (electron-builder asarUnpack). */
export function bundledSumatraPath(): string {
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve('pdf-to-printer'));
  return path.join(dir, 'SumatraPDF-3.4.6-32.exe').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
}

export type RunFile = (file: string, args: string[], options: { timeoutMs: number }) => Promise<void>;

export const runWithTimeout: RunFile = (file, args, { timeoutMs }) =>
  new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, killSignal: 'SIGKILL', windowsHide: true }, (err) => (err ? reject(err) : resolve()));
  });

/** Runs SumatraPDF; a hang past timeoutMs is killed and reported with the printer's name. */
export async function printWithSumatra(
  printerName: string,
  filePath: string,
  options: PrintingOptions,
  io: { sumatraPath: string; timeoutMs: number; run?: RunFile },
): Promise<void> {
  const run = io.run ?? runWithTimeout;
  try {
    await run(io.sumatraPath, sumatraArgs(printerName, filePath, options), { timeoutMs: io.timeoutMs });
  } catch (err) {
    const e = err as { killed?: boolean; code?: number | string; signal?: string };
    if (e.killed || e.signal === 'SIGKILL') {
      throw new PrintFailure(
        'printer_offline',
        `SumatraPDF hung for ${Math.round(io.timeoutMs / 1000)} s printing to ${printerName} and was stopped; check the printer and its driver.`,
        { cause: err },
      );
    }
    if (e.code === 'ENOENT') {
      throw new PrintFailure('printer_offline', `SumatraPDF is missing (${io.sumatraPath}); reinstall Print Station.`, {
        cause: err,
        sent: 'no',
      });
    }
    throw new PrintFailure(
      'printer_offline',
      `SumatraPDF could not print to ${printerName} (exit ${String(e.code ?? e.signal)}); check that the printer exists and is installed.`,
      { cause: err },
    );
  }
}
