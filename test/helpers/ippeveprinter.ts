/**
 * A real IPP Everywhere printer for the driver tests: CUPS's `ippeveprinter` (Debian cups-ipp-utils) in a temp dir,
 * in a network namespace of its own joined to this machine's by a veth pair (ippeveprinter will not start without
 * a DNS-SD daemon, so dbus + avahi run beside it; `-r off` keeps it from registering, and avahi is given no
 * interface, so nothing is announced anywhere). The test talks to it at ipp://10.231.x.2:8631/ipp/print.
 *
 * Each job is "printed" by a small script (ippeveprinter -c) that copies the document to `outputDir` and waits
 * while `hold()` is on, so a test can keep a job in the middle of printing for as long as it likes.
 *
 *   const printer = await startIppEvePrinter({ formats: ['application/pdf'] });
 *   ... new IppEverywhereDriver().submit({ systemName: printer.uri, ... }) ...
 *   await printer.stop();
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Namespaces, freeSubnet, missingNamespacePieces, startDnsSdBox, uniqueTag, type DnsSdBox } from './netns';

const run = promisify(execFile);
const PORT = 8631;

export function missingIppEvePieces(): string[] {
  return missingNamespacePieces([
    ['ippeveprinter', 'cups-ipp-utils'],
    ['ipptool', 'cups-ipp-utils'],
  ]);
}

export interface IppEvePrinter {
  uri: string;
  name: string;
  /** Where each printed document lands, as `<job-id>-<job-name>.<ext>`, once its job is done. */
  outputDir: string;
  /** While on, a job that reaches the printer stays "printing" (processing) until hold(false). */
  hold(on: boolean): Promise<void>;
  /**
   * The "device" reports a printer-state-reason (paused, media-jam, media-empty…) while a job is printing, as a
   * printer paused at its panel does; the job in hand does not finish while any reason is up. ippeveprinter 2.4.2
   * implements no Pause-Printer operation (not in its operations-supported), so this is how a test pauses it.
   */
  deviceReason(reason: string, on: boolean): Promise<void>;
  /** The printer's operations-supported, as ipptool reads it. */
  operationsSupported(): Promise<string[]>;
  outputs(): Promise<string[]>;
  log(): string;
  stop(): Promise<void>;
}

export async function startIppEvePrinter(options: {
  formats: string[];
  name?: string;
  color?: boolean;
  duplex?: boolean;
}): Promise<IppEvePrinter> {
  const missing = missingIppEvePieces();
  if (missing.length > 0) throw new Error(`cannot start ippeveprinter: missing ${missing.join('; ')}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ippeve-'));
  const outputDir = path.join(dir, 'out');
  const gate = path.join(dir, 'hold');
  const reasons = path.join(dir, 'reasons');
  await mkdir(reasons);
  await mkdir(path.join(dir, 'spool'));
  await mkdir(outputDir);
  const printCommand = path.join(dir, 'print.sh');
  await writeFile(
    printCommand,
    [
      '#!/bin/sh',
      '# ippeveprinter runs this for each job with the document file; the job is processing until it exits.',
      '# Each file in the reasons folder is a printer-state-reason the "device" reports (STATE: +reason) while it is',
      '# there; the job does not finish while the gate is closed or any reason is up (a paused printer prints nothing).',
      'up=" "',
      `while [ -e ${gate} ] || [ -n "$(ls ${reasons})" ]; do`,
      `  for r in $(ls ${reasons}); do case "$up" in *" $r "*) ;; *) echo "STATE: +$r" >&2; up="$up$r ";; esac; done`,
      `  for r in $up; do [ -e ${reasons}/$r ] || { echo "STATE: -$r" >&2; up=$(echo "$up" | sed "s/ $r / /"); }; done`,
      '  sleep 0.1',
      'done',
      'for r in $up; do echo "STATE: -$r" >&2; done',
      `cp "$1" ${outputDir}/"$(basename "$1")"`,
      'echo "ATTR: job-impressions-completed=1" >&2',
      'exit 0',
      '',
    ].join('\n'),
  );
  await chmod(printCommand, 0o755);

  const tag = uniqueTag();
  const ns = `ps-ipe-${tag}`;
  const { a, b } = await freeSubnet();
  const namespaces = new Namespaces();
  let box: DnsSdBox | undefined;
  const name = options.name ?? `Station Test ${tag}`;
  try {
    await namespaces.add(ns);
    await namespaces.link({ name: `psh${tag}`, address: a }, { ns, name: `psp${tag}`, address: b });
    const args = [
      '-r',
      'off',
      '-p',
      String(PORT),
      '-d',
      path.join(dir, 'spool'),
      '-k',
      '-c',
      printCommand,
      '-f',
      options.formats.join(','),
    ];
    if (options.color) args.push('-s', '10,10');
    if (options.duplex) args.push('-2');
    box = await startDnsSdBox({ ns, dir, avahiInterfaces: [], command: ['ippeveprinter', ...args, name] });
    await box.waitForOutput('dnssd-box-ready');
    const uri = `ipp://${b}:${PORT}/ipp/print`;
    await waitForPrinter(uri, box);
    const started = box;
    return {
      uri,
      name,
      outputDir,
      async hold(on) {
        if (on) await writeFile(gate, '');
        else await rm(gate, { force: true });
      },
      async deviceReason(reason, on) {
        if (on) await writeFile(path.join(reasons, reason), '');
        else await rm(path.join(reasons, reason), { force: true });
      },
      async operationsSupported() {
        const { stdout } = await run('ipptool', ['-tv', uri, '/usr/share/cups/ipptool/get-printer-attributes.test'], { timeout: 20_000 });
        return /operations-supported \(1setOf enum\) = (.*)/.exec(stdout)?.[1]?.split(',') ?? [];
      },
      outputs: () => readdir(outputDir),
      log: () => started.output(),
      async stop() {
        await started.stop();
        await namespaces.cleanup();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await box?.stop();
    await namespaces.cleanup();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}

async function waitForPrinter(uri: string, box: DnsSdBox): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await run('ipptool', ['-q', '-T', '5', uri, '/usr/share/cups/ipptool/get-printer-attributes.test'], { timeout: 10_000 });
      return;
    } catch (err) {
      if (box.child.exitCode !== null || Date.now() > deadline)
        throw new Error(`ippeveprinter did not answer at ${uri}: ${(err as Error).message}\n${box.output()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
