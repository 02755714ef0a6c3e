/**
 * A private, real cupsd for the spooler tests: its own ServerRoot, spool, cache and logs in a temp dir, listening
 * only on 127.0.0.1:<free port>, with one CUPS-PDF queue. The machine's own CUPS (if any) is never touched, and the
 * daemon is stopped by its own pid.
 *
 *   const cups = await startPrivateCupsd();
 *   const driver = new CupsDriver({ server: cups.server });
 *   ... print to cups.pdfPrinterName, find the PDF with cups.waitForOutput(jobName) ...
 *   await cups.stop();
 *
 * cups-pdf reads its settings only from /etc/cups/cups-pdf.conf, so its output lands where that file says
 * (by default ~/PDF of the job's user, i.e. /root/PDF when the tests run as root): `outputDir` reports it.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

const CUPS_PDF_BACKEND = '/usr/lib/cups/backend/cups-pdf';
const CUPS_PDF_PPDS = ['/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd', '/usr/share/ppd/cups-pdf/CUPS-PDF_noopt.ppd'];
const CUPS_PDF_CONF = '/etc/cups/cups-pdf.conf';

export interface PrivateCupsd {
  /** host:port to hand to `new CupsDriver({ server })` or `-h`. */
  server: string;
  /** A CUPS-PDF queue: every completed job becomes a PDF file in outputDir. */
  pdfPrinterName: string;
  outputDir: string;
  /** Runs a CUPS admin command (lpadmin, cupsdisable, cupsenable, cupsreject, cupsaccept, lp…) against this cupsd. */
  admin(command: string, args: string[]): Promise<string>;
  /** Adds another CUPS-PDF queue (e.g. one a test disables without disturbing the others). */
  addPdfPrinter(name: string): Promise<void>;
  /** The PDF cups-pdf wrote for this job name (cups-pdf names its file after the job title), once it exists. */
  waitForOutput(jobName: string, timeoutMs?: number): Promise<string>;
  /** The daemon's error log, for failure messages. */
  errorLog(): Promise<string>;
  stop(): Promise<void>;
}

/** What this machine lacks to run a private cupsd with a CUPS-PDF queue; empty when everything is there. */
export function missingCupsPieces(): string[] {
  const missing: string[] = [];
  if (!findExecutable('cupsd')) missing.push('cupsd (Debian package "cups")');
  if (!findExecutable('lpadmin')) missing.push('lpadmin (Debian package "cups-client")');
  if (!existsSync(CUPS_PDF_BACKEND)) missing.push(`the cups-pdf backend ${CUPS_PDF_BACKEND} (Debian package "printer-driver-cups-pdf")`);
  else if (!CUPS_PDF_PPDS.some((p) => existsSync(p))) missing.push(`a CUPS-PDF PPD (${CUPS_PDF_PPDS[0]})`);
  // The cups-pdf backend is mode 0700 root: only a cupsd running as root can execute it.
  if (process.getuid?.() !== 0) missing.push('root (cupsd must run as root to use the cups-pdf backend; run the tests with sudo)');
  return missing;
}

export async function startPrivateCupsd(options: { pdfPrinterName?: string } = {}): Promise<PrivateCupsd> {
  const missing = missingCupsPieces();
  if (missing.length > 0) throw new Error(`cannot start a private cupsd: missing ${missing.join('; ')}`);

  const root = await mkdtemp(path.join(os.tmpdir(), 'print-station-cupsd-'));
  // mkdtemp makes it 0700, but cupsd runs its filters as user lp, which must reach the spool's temp dir below.
  await chmod(root, 0o755);
  const dirs = {
    conf: path.join(root, 'conf'),
    spool: path.join(root, 'spool'),
    cache: path.join(root, 'cache'),
    state: path.join(root, 'state'),
    log: path.join(root, 'log'),
  };
  for (const dir of Object.values(dirs)) await mkdir(dir, { recursive: true, mode: 0o755 });
  await mkdir(path.join(dirs.conf, 'ppd'), { mode: 0o755 });
  await mkdir(path.join(dirs.spool, 'tmp'), { mode: 0o1777 });

  const port = await freePort();
  const server = `127.0.0.1:${port}`;
  await writeFile(path.join(dirs.conf, 'cupsd.conf'), cupsdConf(server), { mode: 0o644 });
  await writeFile(path.join(dirs.conf, 'cups-files.conf'), cupsFilesConf(root, dirs), { mode: 0o644 });

  const child = spawn(
    findExecutable('cupsd')!,
    ['-f', '-c', path.join(dirs.conf, 'cupsd.conf'), '-s', path.join(dirs.conf, 'cups-files.conf')],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

  const errorLog = async () => readFile(path.join(dirs.log, 'error_log'), 'utf8').catch(() => '');
  const stop = async () => {
    await stopChild(child);
    await rm(root, { recursive: true, force: true });
  };

  const admin = async (command: string, args: string[]) => {
    const env = { ...process.env, CUPS_SERVER: server };
    const { stdout } = await run(findExecutable(command) ?? command, ['-h', server, ...args], { env });
    return stdout;
  };
  const ppd = CUPS_PDF_PPDS.find((p) => existsSync(p))!;
  const addPdfPrinter = async (name: string) => {
    await admin('lpadmin', ['-p', name, '-E', '-v', 'cups-pdf:/', '-P', ppd, '-D', `${name} (CUPS-PDF, tests)`]);
  };

  try {
    await waitForPort(port, child, () => output);
    const pdfPrinterName = options.pdfPrinterName ?? 'PrintStation_PDF';
    await addPdfPrinter(pdfPrinterName);
    const outputDir = cupsPdfOutputDir();
    return {
      server,
      pdfPrinterName,
      outputDir,
      admin,
      addPdfPrinter,
      errorLog,
      stop,
      waitForOutput: (jobName, timeoutMs = 30_000) => waitForFile(outputDir, jobName, timeoutMs, errorLog),
    };
  } catch (err) {
    const log = await errorLog();
    await stop();
    throw new Error(`the private cupsd did not come up: ${(err as Error).message}\n${output}\n${log.slice(-2000)}`);
  }
}

function cupsdConf(server: string): string {
  // No authentication and every job's attributes visible: the station's driver and the tests act as one user, but
  // lpadmin runs as another. PreserveJobHistory keeps finished jobs so findJob can see them.
  return `LogLevel info
Listen ${server}
Browsing No
WebInterface No
DefaultAuthType None
PreserveJobHistory Yes
PreserveJobFiles No
MaxJobs 0
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  JobPrivateAccess all
  JobPrivateValues none
  SubscriptionPrivateAccess all
  SubscriptionPrivateValues none
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
`;
}

function cupsFilesConf(root: string, dirs: Record<'conf' | 'spool' | 'cache' | 'state' | 'log', string>): string {
  return `ServerRoot ${dirs.conf}
RequestRoot ${dirs.spool}
TempDir ${path.join(dirs.spool, 'tmp')}
CacheDir ${dirs.cache}
StateDir ${dirs.state}
AccessLog ${path.join(dirs.log, 'access_log')}
ErrorLog ${path.join(dirs.log, 'error_log')}
PageLog ${path.join(dirs.log, 'page_log')}
Printcap ${path.join(root, 'printcap')}
SystemGroup root
FileDevice No
`;
}

/** Where cups-pdf puts the files of jobs submitted by the current user, per /etc/cups/cups-pdf.conf. */
export function cupsPdfOutputDir(): string {
  const conf = existsSync(CUPS_PDF_CONF) ? readFileSync(CUPS_PDF_CONF, 'utf8') : '';
  const out = /^\s*Out\s+(.+?)\s*$/m.exec(conf)?.[1] ?? '/var/spool/cups-pdf/${USER}';
  const user = os.userInfo();
  return out.replace('${HOME}', user.homedir).replace('${USER}', user.username);
}

async function waitForFile(dir: string, jobName: string, timeoutMs: number, errorLog: () => Promise<string>): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const files = await readdir(dir).catch(() => [] as string[]);
    const hit = files.find((f) => f.startsWith(jobName) && f.endsWith('.pdf'));
    if (hit) return path.join(dir, hit);
    await sleep(200);
  }
  throw new Error(`cups-pdf wrote no file for job ${jobName} in ${dir}\n${(await errorLog()).slice(-2000)}`);
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`cupsd exited with code ${child.exitCode}: ${output()}`);
    if (await canConnect(port)) return;
    await sleep(100);
  }
  throw new Error(`cupsd did not listen on 127.0.0.1:${port} within 20 s`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(forced);
}

function findExecutable(name: string): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/bin', '/sbin'];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
