/**
 * The Windows spooler as the station reads it: recorded Get-CimInstance Win32_Printer / Win32_PrintJob output
 * (ConvertTo-Json, test/printing/fixtures/windows) for every state, parsed by the pure windowsParse module.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFinalJobState, type PrinterStatusReport } from '../../electron/printing/driver';
import {
  capabilitiesFromWindows,
  findJobRecord,
  jobGoneFromQueue,
  jobReasons,
  jobStatusFromWindows,
  parseCimRecords,
  printerOfJob,
  printerStatusFromWindows,
  type WindowsJobRecord,
  type WindowsPrinterRecord,
} from '../../electron/printing/windowsParse';
import * as powerShell from '../../electron/printing/windowsPowerShell';
import { parseSessionReply } from '../../electron/printing/windowsPowerShell';

const JOB_NAME = '5d0e3a52-9b1c-4c7e-8f39-2a8d5b1e7c44';

function sample(file: string): string {
  return readFileSync(path.join(__dirname, 'fixtures', 'windows', file), 'utf8');
}
function printerIn(file: string): WindowsPrinterRecord {
  return parseCimRecords<WindowsPrinterRecord>(sample(file))[0]!;
}
function jobIn(file: string): WindowsJobRecord {
  return parseCimRecords<WindowsJobRecord>(sample(file))[0]!;
}
const healthy: PrinterStatusReport = { status: 'online', reasons: [], queueLength: 1 };
const jammed = printerStatusFromWindows(printerIn('printer-paper-jam.json'), 1);
const unplugged = printerStatusFromWindows(printerIn('printer-offline-unplugged.json'), 1);

describe('a Windows printer', () => {
  it('idle (DetectedErrorState 0 "unknown", as most drivers report it) is online', () => {
    expect(printerStatusFromWindows(printerIn('printer-idle.json'), 0)).toEqual({ status: 'online', reasons: [], queueLength: 0 });
  });

  it('printing is busy', () => {
    expect(printerStatusFromWindows(printerIn('printer-printing.json'), 2)).toMatchObject({
      status: 'busy',
      queueLength: 2,
      reasons: ['printing'],
    });
  });

  it('paused in Windows is offline and says where to resume it', () => {
    const report = printerStatusFromWindows(printerIn('printer-paused.json'), 1);
    expect(report).toMatchObject({ status: 'offline', failureClass: 'printer_offline', reasons: ['paused'] });
    expect(report.message).toMatch(/queue for Front Desk HP is paused/);
  });

  it('set to "Use Printer Offline" (WorkOffline) is offline', () => {
    const report = printerStatusFromWindows(printerIn('printer-offline-workoffline.json'), 0);
    expect(report).toMatchObject({ status: 'offline', failureClass: 'printer_offline' });
    expect(report.reasons).toContain('work-offline');
    expect(report.message).toMatch(/Use Printer Offline/);
  });

  it('unplugged (PRINTER_STATUS_OFFLINE, DetectedErrorState 9) is offline', () => {
    expect(unplugged).toMatchObject({ status: 'offline', failureClass: 'printer_offline', reasons: ['offline'] });
    expect(unplugged.message).toMatch(/Back Office Brother/);
  });

  it.each([
    ['printer-paper-jam.json', 'media-jam', /Paper jam/],
    ['printer-no-paper.json', 'media-empty', /Out of paper/],
    ['printer-door-open.json', 'door-open', /door is open/],
    ['printer-no-toner.json', 'toner-empty', /Out of toner/],
    ['printer-user-intervention.json', 'user-intervention', /needs attention/],
  ])('%s puts the printer in error until a person clears it (printer_jam)', (file, reason, sentence) => {
    const report = printerStatusFromWindows(printerIn(file), 1);
    expect(report).toMatchObject({ status: 'error', failureClass: 'printer_jam' });
    expect(report.reasons[0]).toBe(reason);
    expect(report.message).toMatch(sentence);
    expect(report.message).toMatch(/mark the printer recovered/);
  });

  it('a generic error (ExtendedPrinterStatus 9, PRINTER_STATUS_ERROR) is an error to look at', () => {
    expect(printerStatusFromWindows(printerIn('printer-error.json'), 0)).toMatchObject({ status: 'error', failureClass: 'printer_jam' });
  });
});

describe('the printers Windows knows', () => {
  const fleet = parseCimRecords<WindowsPrinterRecord>(sample('printers-fleet-ps51.json'));

  it('unwraps PowerShell 5.1\'s {"value": [...], "Count": n}', () => {
    expect(fleet.map((p) => p.Name)).toEqual(['Front Desk HP', 'Microsoft Print to PDF', 'ZDesigner ZD421-203dpi ZPL']);
  });

  it('reads capabilities from Capabilities and PrinterPaperNames', () => {
    expect(capabilitiesFromWindows(fleet[0]!)).toEqual({
      paperSizes: ['A4', 'A5', 'A6', 'Letter', 'Legal'],
      color: true,
      duplex: true,
      maxCopies: 999,
    });
    expect(capabilitiesFromWindows(fleet[1]!)).toMatchObject({
      paperSizes: ['A3', 'A4', 'A5', 'Letter', 'Legal'],
      color: true,
      duplex: false,
    });
    expect(capabilitiesFromWindows(fleet[2]!)).toEqual({ paperSizes: ['Label-4x6'], color: false, duplex: false, maxCopies: 999 });
  });

  it('reads an empty answer, null and a bare object', () => {
    expect(parseCimRecords(sample('jobs-empty.json'))).toEqual([]);
    expect(parseCimRecords('')).toEqual([]);
    expect(parseCimRecords('null')).toEqual([]);
    expect(parseCimRecords<WindowsJobRecord>(sample('job-printing.json'))).toHaveLength(1);
  });
});

describe('a Windows spooler job', () => {
  it.each([
    ['job-queued.json', 'pending'],
    ['job-spooling.json', 'processing'],
    ['job-printing.json', 'processing'],
    ['job-paused.json', 'held'],
    ['job-offline-paused.json', 'stopped'],
    ['job-error.json', 'stopped'],
    ['job-paperout.json', 'stopped'],
    ['job-user-intervention.json', 'stopped'],
    ['job-deleting.json', 'canceled'],
    ['job-deleted.json', 'canceled'],
    ['job-printed.json', 'completed'],
    ['job-printed-deleting.json', 'completed'],
    ['job-complete.json', 'completed'],
    ['job-printed-retained.json', 'completed'],
  ])('%s reads as %s', (file, state) => {
    expect(jobStatusFromWindows(jobIn(file), healthy).state).toBe(state);
  });

  it('a paused job is never done, and says how to resume it', () => {
    const status = jobStatusFromWindows(jobIn('job-paused.json'), healthy);
    expect(isFinalJobState(status.state)).toBe(false);
    expect(status.message).toMatch(/paused; resume it/);
  });

  it('a job paused because its printer is offline is never done, and is printer_offline', () => {
    const status = jobStatusFromWindows(jobIn('job-offline-paused.json'), unplugged);
    expect(status).toMatchObject({ state: 'stopped', failureClass: 'printer_offline', reasons: ['paused', 'offline'] });
    expect(isFinalJobState(status.state)).toBe(false);
  });

  it('a job out of paper or waiting for a person is printer_jam', () => {
    expect(jobStatusFromWindows(jobIn('job-paperout.json'), healthy)).toMatchObject({ failureClass: 'printer_jam' });
    expect(jobStatusFromWindows(jobIn('job-user-intervention.json'), healthy)).toMatchObject({ failureClass: 'printer_jam' });
  });

  it("a job in error takes the printer's failure class and sentence", () => {
    const status = jobStatusFromWindows(jobIn('job-error.json'), jammed);
    expect(status).toMatchObject({ state: 'stopped', failureClass: 'printer_jam' });
    expect(status.message).toMatch(/Paper jam on Front Desk HP/);
  });

  it('"Complete" on a printer that is jammed is not a print yet', () => {
    const status = jobStatusFromWindows(jobIn('job-complete.json'), jammed);
    expect(status).toMatchObject({ state: 'stopped', failureClass: 'printer_jam' });
    expect(isFinalJobState(status.state)).toBe(false);
  });

  it('a queued job behind a paused printer waits and says why', () => {
    const paused = printerStatusFromWindows(printerIn('printer-paused.json'), 1);
    expect(jobStatusFromWindows(jobIn('job-queued.json'), paused)).toMatchObject({
      state: 'pending',
      message: expect.stringMatching(/is paused/),
    });
  });

  it('keeps page progress', () => {
    expect(jobStatusFromWindows(jobIn('job-printing.json'), healthy)).toMatchObject({ pagesDone: 1, pagesTotal: 2 });
  });

  it('names every StatusMask bit', () => {
    expect(jobReasons(0x2080)).toEqual(['printed', 'retained']);
    expect(jobReasons(0)).toEqual([]);
  });
});

describe('finding our job in the Windows queue', () => {
  const queue = parseCimRecords<WindowsJobRecord>(sample('jobs-queue.json'));

  it('by the temp file named after the printJobId, on the right printer', () => {
    expect(findJobRecord(queue, 'Front Desk HP', JOB_NAME)?.JobId).toBe(41);
    expect(findJobRecord(queue, 'Back Office Brother', JOB_NAME)?.JobId).toBe(7);
    expect(findJobRecord(queue, 'front desk hp', JOB_NAME)?.JobId).toBe(41);
  });

  it('also when the document name carries the full temp path', () => {
    expect(findJobRecord(queue, 'Microsoft Print to PDF', JOB_NAME)?.JobId).toBe(3);
  });

  it("not another order's job, nor a job that is not there", () => {
    expect(findJobRecord(queue, 'Front Desk HP', 'a1b2c3d4-0000-4000-8000-00000000aaaa')?.JobId).toBe(40);
    expect(findJobRecord(queue, 'Front Desk HP', 'ffffffff-0000-4000-8000-000000000000')).toBeUndefined();
    expect(findJobRecord(queue, 'ZDesigner ZD421-203dpi ZPL', JOB_NAME)).toBeUndefined();
  });

  it('the printer a job belongs to, even when its name has a comma', () => {
    expect(printerOfJob({ Name: 'Front Desk HP, 41', JobId: 41 })).toBe('Front Desk HP');
    expect(printerOfJob({ Name: 'HP, 2nd floor, 12', JobId: 12 })).toBe('HP, 2nd floor');
  });
});

describe('a job that left the Windows queue', () => {
  it('counts as printed only if we saw it printing and the printer is healthy', () => {
    const printing = jobStatusFromWindows(jobIn('job-printing.json'), healthy);
    expect(jobGoneFromQueue(printing, healthy, JOB_NAME)).toMatchObject({ state: 'completed', reasons: ['left-queue-after-printing'] });
  });

  it('is unknown when it was only spooling, or the printer is now in trouble', () => {
    const spooling = jobStatusFromWindows(jobIn('job-spooling.json'), healthy);
    expect(jobGoneFromQueue(spooling, healthy, JOB_NAME)).toMatchObject({
      state: 'unknown',
      message: expect.stringMatching(/last seen processing/),
    });
    const printing = jobStatusFromWindows(jobIn('job-printing.json'), healthy);
    expect(jobGoneFromQueue(printing, jammed, JOB_NAME).state).toBe('unknown');
    expect(jobGoneFromQueue(undefined, healthy, JOB_NAME)).toMatchObject({
      state: 'unknown',
      message: expect.stringMatching(/never seen/),
    });
  });
});

describe('the PowerShell session protocol', () => {
  it('reads a reply line', () => {
    expect(parseSessionReply('{"id":3,"ok":true,"data":[]}')).toEqual({ id: 3, ok: true, data: [] });
    expect(parseSessionReply('{"id":4,"ok":false,"error":"Access denied"}')).toEqual({ id: 4, ok: false, error: 'Access denied' });
  });

  it('ignores lines that are not replies (PowerShell banners, warnings)', () => {
    expect(parseSessionReply('WARNING: something')).toBeUndefined();
    expect(parseSessionReply('')).toBeUndefined();
  });
});

describe('a printer with a non-ASCII name ("Büro") over the PowerShell session', () => {
  const name = 'Büro Drucker – 2. OG';

  it('the script reads and writes UTF-8 on both sides', () => {
    const script = powerShell.SESSION_SCRIPT;
    expect(script).toMatch(/\[Console\]::InputEncoding\s*=\s*New-Object System\.Text\.UTF8Encoding \$false/);
    expect(script).toMatch(/\[Console\]::OutputEncoding\s*=\s*New-Object System\.Text\.UTF8Encoding \$false/);
    // Set before the first line is read.
    expect(script.indexOf('InputEncoding')).toBeLessThan(script.indexOf('ReadLine'));
  });

  it('a cancelJob request goes out as one ASCII-safe line that decodes to the exact name', () => {
    const bytes = powerShell.sessionRequestBytes(12, { op: 'cancelJob', printerName: name, jobId: 41 });
    expect([...bytes].every((b) => b < 0x80)).toBe(true);
    expect(bytes.at(-1)).toBe(0x0a);
    expect(JSON.parse(bytes.toString('utf8'))).toEqual({ id: 12, op: 'cancelJob', printerName: name, jobId: 41 });
    // Read as Latin-1 or UTF-8, the same line: nothing depends on the console's code page.
    expect(JSON.parse(bytes.toString('latin1')).printerName).toBe(name);
  });

  it('a reply in UTF-8, split anywhere into chunks, finds the job on "Büro"', () => {
    const reply = JSON.stringify({
      id: 5,
      ok: true,
      data: [{ Name: `${name}, 41`, JobId: 41, Document: `${JOB_NAME}.pdf`, JobStatus: 'Printing', StatusMask: 16 }],
    });
    const bytes = Buffer.from(`${reply}\r\n`, 'utf8');
    const cut = bytes.indexOf(Buffer.from('ü', 'utf8')) + 1; // in the middle of the ü
    const lines: string[] = [];
    const reader = powerShell.sessionLineReader((line) => lines.push(line));
    reader(bytes.subarray(0, cut));
    reader(bytes.subarray(cut));
    expect(lines).toHaveLength(1);
    const parsed = parseSessionReply(lines[0]!);
    const jobs = parsed && parsed.ok ? (parsed.data as WindowsJobRecord[]) : [];
    expect(printerOfJob(jobs[0]!)).toBe(name);
    expect(findJobRecord(jobs, name, JOB_NAME)?.JobId).toBe(41);
  });
});
