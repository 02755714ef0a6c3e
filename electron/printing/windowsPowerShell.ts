/**
 * One long-lived PowerShell that answers CIM queries for the Windows driver (DESIGN §8): starting powershell.exe
 * costs about a second, far too slow for a status poll per printer. Requests go in on stdin as JSON lines; each
 * answer is one JSON line. The script is passed with -EncodedCommand so stdin stays free for requests, and no value
 * from a request is ever pasted into script text.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { PrintFailure } from './driver';

export type SessionReply = { id: number; ok: true; data: unknown } | { id: number; ok: false; error: string };

export type CimQuery = { op: 'printers' } | { op: 'jobs' } | { op: 'cancelJob'; printerName: string; jobId: number };

/** The interface the driver uses, so tests and other platforms can stand in for PowerShell. */
export interface CimSession {
  query(request: CimQuery): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * UTF-8 both ways, set before the first line is read: by default PowerShell reads stdin in the console's OEM code
 * page, and a printer named "Büro" would arrive as "BÃ¼ro" and match nothing (cancelJob would cancel nothing).
 */
export const SESSION_SCRIPT = String.raw`
$ErrorActionPreference = 'Stop'
[Console]::InputEncoding = New-Object System.Text.UTF8Encoding $false
[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false
$printerProps = 'Name','DriverName','PortName','PrinterStatus','ExtendedPrinterStatus','DetectedErrorState','ExtendedDetectedErrorState','WorkOffline','PrinterState','Network','Local','Capabilities','PrinterPaperNames'
$jobProps = 'Name','JobId','Document','JobStatus','StatusMask','TotalPages','PagesPrinted'
while ($true) {
  $line = [Console]::In.ReadLine()
  if ($line -eq $null) { break }
  $req = $line | ConvertFrom-Json
  try {
    switch ($req.op) {
      'printers' { $data = @(Get-CimInstance -ClassName Win32_Printer | Select-Object -Property $printerProps) }
      'jobs' { $data = @(Get-CimInstance -ClassName Win32_PrintJob | Select-Object -Property $jobProps) }
      'cancelJob' {
        $wanted = [string]$req.printerName + ', ' + [string]$req.jobId
        Get-CimInstance -ClassName Win32_PrintJob | Where-Object { $_.Name -eq $wanted } | Remove-CimInstance
        $data = @()
      }
      default { throw "unknown request $($req.op)" }
    }
    [Console]::Out.WriteLine((ConvertTo-Json -InputObject @{ id = $req.id; ok = $true; data = $data } -Compress -Depth 4))
  } catch {
    [Console]::Out.WriteLine((ConvertTo-Json -InputObject @{ id = $req.id; ok = $false; error = $_.Exception.Message } -Compress))
  }
}
`;

/**
 * One request as the bytes written to PowerShell's stdin: a JSON line with every non-ASCII character as a \u escape,
 * so the name arrives exact whatever code page the other side reads with (ConvertFrom-Json decodes the escapes).
 */
export function sessionRequestBytes(id: number, request: CimQuery): Buffer {
  const json = JSON.stringify({ id, ...request }).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return Buffer.from(`${json}\n`, 'utf8');
}

/** Splits PowerShell's UTF-8 output into lines; a character cut between two chunks is joined, not mangled. */
export function sessionLineReader(onLine: (line: string) => void): (chunk: Buffer) => void {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  return (chunk) => {
    pending += decoder.write(chunk);
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      onLine(pending.slice(0, end).replace(/\r$/, ''));
      pending = pending.slice(end + 1);
    }
  };
}

/** One line of the session's output, or undefined for anything that is not a reply (banners, warnings). */
export function parseSessionReply(line: string): SessionReply | undefined {
  const text = line.trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(text) as Partial<{ id: number; ok: boolean; data: unknown; error: string }>;
    if (typeof value.id !== 'number' || typeof value.ok !== 'boolean') return undefined;
    return value.ok
      ? { id: value.id, ok: true, data: value.data ?? [] }
      : { id: value.id, ok: false, error: String(value.error ?? 'unknown error') };
  } catch {
    return undefined;
  }
}

export class PowerShellCimSession implements CimSession {
  private child: ChildProcessWithoutNullStreams | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (data: unknown) => void; reject: (err: Error) => void; timer: NodeJS.Timeout }>();

  constructor(private readonly options: { executable?: string; timeoutMs?: number } = {}) {}

  query(request: CimQuery): Promise<unknown> {
    const child = this.ensureStarted();
    const id = this.nextId++;
    const timeoutMs = this.options.timeoutMs ?? 20_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        // A CIM query that hangs (a dead network printer can stall WMI) poisons the session: start a fresh one.
        this.stop();
        reject(
          new PrintFailure(
            'printer_offline',
            `Windows did not answer a ${request.op} query within ${timeoutMs} ms; the print spooler may be hung.`,
          ),
        );
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      child.stdin.write(sessionRequestBytes(id, request));
    });
  }

  async close(): Promise<void> {
    this.child?.stdin.end();
    this.stop();
  }

  private ensureStarted(): ChildProcessWithoutNullStreams {
    if (this.child && this.child.exitCode === null) return this.child;
    const encoded = Buffer.from(SESSION_SCRIPT, 'utf16le').toString('base64');
    const child = spawn(
      this.options.executable ?? 'powershell.exe',
      ['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand', encoded],
      {
        windowsHide: true,
      },
    );
    child.stdout.on(
      'data',
      sessionLineReader((line) => {
        const reply = parseSessionReply(line);
        const waiting = reply && this.pending.get(reply.id);
        if (!reply || !waiting) return;
        clearTimeout(waiting.timer);
        this.pending.delete(reply.id);
        if (reply.ok) waiting.resolve(reply.data);
        else waiting.reject(new PrintFailure('printer_offline', `Windows refused a printer query: ${reply.error}`));
      }),
    );
    child.on('exit', () => this.failAll('PowerShell exited'));
    child.on('error', (err) => this.failAll(`PowerShell could not start (${err.message})`));
    this.child = child;
    return child;
  }

  private stop(): void {
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) child.kill();
  }

  private failAll(why: string): void {
    for (const [id, waiting] of this.pending) {
      clearTimeout(waiting.timer);
      waiting.reject(new PrintFailure('printer_offline', `${why}; the station cannot read the Windows print queue.`));
      this.pending.delete(id);
    }
  }
}
