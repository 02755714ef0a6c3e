/**
 * The station's own files (journal, station id, logs, settings) are for the user it runs as: folders 0700, files 0600.
 * POSIX only; on Windows the user's profile folder already keeps other users out, and chmod would do nothing useful.
 */
import { chmodSync, mkdirSync } from 'node:fs';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the folder (and parents) 0700, and tightens it if it already existed with a wider mode. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (process.platform !== 'win32') chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Tightens a file that may have been created earlier (an older version) with the default 0644. */
export function tightenFile(file: string): void {
  if (process.platform === 'win32') return;
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch {
    // Not there yet: it will be created 0600.
  }
}
