/**
 * The virtual printer's folder layout and its remote control. The chaos drill and the browser tests run the
 * station in a child process; they steer its virtual printers by dropping command files into the printer's
 * `control/` folder, which the driver polls and consumes in order. Dropping files needs no socket, no port and
 * no running driver (a command waits until the driver reads it), and a file per command means two writers never
 * race on one file.
 *
 *   <root>/<systemName>/printed/<jobName>--<jobId>.pdf   one file per completed job (count prints by these)
 *   <root>/<systemName>/spool/<jobId>.pdf                 accepted, not yet printed
 *   <root>/<systemName>/state.json                        jobs and condition, so a new driver after kill -9 knows them
 *   <root>/<systemName>/control/*.json                    commands (see PrinterCommand)
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

export const PrinterCommand = z.discriminatedUnion('command', [
  /** The running job aborts (failureClass printer_jam), the printer reports error until clearJam. */
  z.object({ command: z.literal('jam'), reason: z.string().default('media-jam') }),
  z.object({ command: z.literal('clearJam') }),
  /** The running job aborts (printer_offline), status offline, submit throws until comeOnline. */
  z.object({ command: z.literal('goOffline') }),
  z.object({ command: z.literal('comeOnline') }),
  /** Every page takes `factor` times as long (1 = normal speed). */
  z.object({ command: z.literal('slow'), factor: z.number().positive() }),
  /** The next job to reach half its pages aborts there (the printer gave up mid-job). One-shot. */
  z.object({ command: z.literal('dieMidJob') }),
  /**
   * The printer stops taking paper in (a stalled spooler): submit still succeeds, queued jobs stay `pending`, the
   * job being printed pauses where it is, status reports offline "not responding". Until unstall.
   */
  z.object({ command: z.literal('stall') }),
  /** The stalled printer comes back and prints everything still queued. */
  z.object({ command: z.literal('unstall') }),
  /**
   * One-shot: the next submit queues the job (it WILL print) and then throws a plain Error, like a connection
   * reset after the upload: an ambiguous driver error.
   */
  z.object({ command: z.literal('throwAfterQueue') }),
]);
export type PrinterCommand = z.infer<typeof PrinterCommand>;

export function printerDir(root: string, systemName: string): string {
  return join(root, systemName);
}
export const printedDir = (dir: string) => join(dir, 'printed');
export const spoolDir = (dir: string) => join(dir, 'spool');
export const controlDir = (dir: string) => join(dir, 'control');
export const stateFile = (dir: string) => join(dir, 'state.json');

/** The file a completed job leaves; its name starts with the job name (= printJobId). */
export function printedFileName(jobName: string, jobId: string): string {
  return `${jobName}--${jobId}.pdf`;
}

/** Every print this printer made, as file names. Two files with one job name are a double print. */
export function printedFiles(dir: string): string[] {
  if (!existsSync(printedDir(dir))) return [];
  return readdirSync(printedDir(dir))
    .filter((f) => f.endsWith('.pdf'))
    .sort();
}

/** The job names (printJobIds) of the printed files. */
export function printedJobNames(dir: string): string[] {
  return printedFiles(dir).map((f) => f.slice(0, f.lastIndexOf('--')));
}

/**
 * Sends a command to the virtual printer in folder `dir`, from any process. Written under a temporary name and
 * renamed, so the driver never reads half a command.
 */
export function sendPrinterCommand(dir: string, command: PrinterCommand): void {
  const folder = controlDir(dir);
  mkdirSync(folder, { recursive: true });
  const name = `${Date.now().toString().padStart(15, '0')}-${randomUUID()}`;
  writeFileSync(join(folder, `${name}.tmp`), JSON.stringify(command));
  renameSync(join(folder, `${name}.tmp`), join(folder, `${name}.json`));
}

/** Reads and removes the waiting commands, oldest first. Unreadable files are dropped, not retried forever. */
export function takePrinterCommands(dir: string): PrinterCommand[] {
  const folder = controlDir(dir);
  let names: string[];
  try {
    names = readdirSync(folder)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
  const commands: PrinterCommand[] = [];
  for (const name of names) {
    const path = join(folder, name);
    try {
      const parsed = PrinterCommand.safeParse(JSON.parse(readFileSync(path, 'utf8')));
      if (parsed.success) commands.push(parsed.data);
    } catch {
      // a command that is not JSON is a caller's bug; dropping it keeps the printer responsive
    }
    rmSync(path, { force: true });
  }
  return commands;
}
