/** What CUPS printer and job states mean for the station (pure; no cupsd needed). */
import { describe, expect, it } from 'vitest';
import { jobStatusFromCups, printerStatusFromCups, splitReason, type CupsPrinterFacts } from '../../electron/printing/cupsStates';
import { failureOfIppStatus } from '../../electron/printing/cupsFailures';
import { isFinalJobState } from '../../electron/printing/driver';

const idle: CupsPrinterFacts = { queueName: 'Office', state: 'idle', reasons: ['none'], acceptingJobs: true, queueLength: 0 };

describe('a CUPS printer as the station sees it', () => {
  it('an idle queue is online, a printing one busy', () => {
    expect(printerStatusFromCups(idle)).toEqual({ status: 'online', reasons: [], queueLength: 0 });
    expect(printerStatusFromCups({ ...idle, state: 'processing', queueLength: 3 })).toMatchObject({ status: 'busy', queueLength: 3 });
  });

  it.each([
    ['media-jam', /Paper jam/],
    ['media-jam-error', /Paper jam/],
    ['media-empty-error', /Out of paper/],
    ['media-needed', /Load paper/],
    ['door-open-error', /door is open/],
    ['cover-open', /cover is open/],
    ['toner-empty-error', /Out of toner/],
  ])('%s puts the printer in error until a person clears it (printer_jam)', (reason, sentence) => {
    const report = printerStatusFromCups({ ...idle, state: 'stopped', reasons: [reason] });
    expect(report).toMatchObject({ status: 'error', failureClass: 'printer_jam', reasons: [reason] });
    expect(report.message).toMatch(sentence);
    expect(report.message).toMatch(/mark the printer recovered/);
  });

  it.each(['offline-report', 'offline', 'shutdown', 'timed-out-error'])('%s makes the printer offline (printer_offline)', (reason) => {
    expect(printerStatusFromCups({ ...idle, reasons: [reason] })).toMatchObject({ status: 'offline', failureClass: 'printer_offline' });
  });

  it('"connecting to device" while printing is only busy; on a stopped queue it is offline', () => {
    expect(printerStatusFromCups({ ...idle, state: 'processing', reasons: ['connecting-to-device'] }).status).toBe('busy');
    expect(printerStatusFromCups({ ...idle, state: 'stopped', reasons: ['connecting-to-device'] }).status).toBe('offline');
  });

  it('a queue disabled with cupsdisable is offline and says how to resume it', () => {
    const report = printerStatusFromCups({ ...idle, state: 'stopped', reasons: ['paused'], stateMessage: 'maintenance' });
    expect(report).toMatchObject({ status: 'offline', failureClass: 'printer_offline', reasons: ['paused'] });
    expect(report.message).toMatch(/paused.*cupsenable Office/);
  });

  it("a queue CUPS stopped after a backend failure is offline with CUPS's message", () => {
    const report = printerStatusFromCups({ ...idle, state: 'stopped', reasons: ['none'], stateMessage: 'Unable to connect to printer' });
    expect(report).toMatchObject({ status: 'offline', failureClass: 'printer_offline' });
    expect(report.message).toMatch(/stopped \(Unable to connect to printer\)/);
  });

  it('a queue rejecting jobs (cupsreject) is offline', () => {
    const report = printerStatusFromCups({ ...idle, acceptingJobs: false });
    expect(report).toMatchObject({ status: 'offline', failureClass: 'printer_offline' });
    expect(report.message).toMatch(/cupsaccept Office/);
  });

  it('a jam on a paused queue still asks for a person first', () => {
    expect(printerStatusFromCups({ ...idle, state: 'stopped', reasons: ['paused', 'media-jam-error'] }).failureClass).toBe('printer_jam');
  });

  it('warnings such as low toner do not stop the printer but are shown', () => {
    const report = printerStatusFromCups({ ...idle, reasons: ['toner-low-warning', 'media-low-report'] });
    expect(report.status).toBe('online');
    expect(report.failureClass).toBeUndefined();
    expect(report.message).toMatch(/toner-low-warning/);
  });

  it('an unknown -error reason is an error for a person to look at', () => {
    expect(printerStatusFromCups({ ...idle, reasons: ['spool-area-full-error'] })).toMatchObject({
      status: 'error',
      failureClass: 'printer_jam',
    });
  });

  it('splits a reason from its severity', () => {
    expect(splitReason('media-jam-error')).toEqual({ keyword: 'media-jam', severity: 'error' });
    expect(splitReason('paused')).toEqual({ keyword: 'paused', severity: undefined });
  });
});

describe('a CUPS job as the station follows it', () => {
  it.each([
    ['pending', 'pending'],
    ['pending-held', 'held'],
    ['processing', 'processing'],
    ['processing-stopped', 'stopped'],
    ['canceled', 'canceled'],
    ['aborted', 'aborted'],
    ['completed', 'completed'],
    ['something-new', 'unknown'],
  ] as const)('IPP job-state %s is %s', (ipp, ours) => {
    expect(jobStatusFromCups({ jobId: 7, state: ipp, reasons: [] }).state).toBe(ours);
  });

  it('only completed counts as printed; held, stopped and waiting jobs are never done', () => {
    for (const state of ['pending', 'pending-held', 'processing', 'processing-stopped']) {
      expect(isFinalJobState(jobStatusFromCups({ jobId: 7, state, reasons: [] }).state)).toBe(false);
    }
    expect(isFinalJobState(jobStatusFromCups({ jobId: 7, state: 'completed', reasons: ['job-completed-successfully'] }).state)).toBe(true);
  });

  it('a job waiting on a paused printer says why', () => {
    const printer = printerStatusFromCups({ ...idle, state: 'stopped', reasons: ['paused'] });
    const status = jobStatusFromCups({ jobId: 7, state: 'pending', reasons: ['printer-stopped'], printer });
    expect(status.state).toBe('pending');
    expect(status.message).toMatch(/waiting: The CUPS queue Office is paused/);
  });

  it('a held job says how to release it', () => {
    expect(jobStatusFromCups({ jobId: 7, state: 'pending-held', reasons: ['job-hold-until-specified'] }).message).toMatch(
      /lp -i 7 -H resume/,
    );
  });

  it('a job stopped by a paper jam carries printer_jam from the printer', () => {
    const printer = printerStatusFromCups({ ...idle, state: 'stopped', reasons: ['media-jam-error'] });
    const status = jobStatusFromCups({ jobId: 7, state: 'processing-stopped', reasons: ['printer-stopped'], printer });
    expect(status).toMatchObject({ state: 'stopped', failureClass: 'printer_jam' });
    expect(status.message).toMatch(/Paper jam/);
  });

  it('a job stopped with nothing more said is printer_offline (send the order elsewhere)', () => {
    expect(jobStatusFromCups({ jobId: 7, state: 'processing-stopped', reasons: [], stateMessage: 'Filter failed' })).toMatchObject({
      state: 'stopped',
      failureClass: 'printer_offline',
      message: expect.stringMatching(/Filter failed/),
    });
  });

  it('an aborted job asks a person to look, because paper may have come out', () => {
    expect(jobStatusFromCups({ jobId: 7, state: 'aborted', reasons: ['aborted-by-system'] })).toMatchObject({
      failureClass: 'printer_jam',
    });
  });

  it('a job CUPS cannot print because of the document is invalid_data', () => {
    expect(jobStatusFromCups({ jobId: 7, state: 'aborted', reasons: ['document-format-error'] })).toMatchObject({
      state: 'aborted',
      failureClass: 'invalid_data',
      message: expect.stringMatching(/document is not printable/),
    });
  });

  it('keeps the page count when CUPS reports it', () => {
    expect(jobStatusFromCups({ jobId: 7, state: 'processing', reasons: ['job-printing'], pagesDone: 2 })).toMatchObject({ pagesDone: 2 });
  });
});

describe('a CUPS refusal as a failure class', () => {
  it.each([
    ['server-error-not-accepting-jobs', 'printer_offline'],
    ['client-error-not-found', 'printer_offline'],
    ['client-error-forbidden', 'printer_offline'],
    ['client-error-document-format-not-supported', 'invalid_data'],
    ['client-error-attributes-or-values-not-supported', 'invalid_data'],
    ['server-error-busy', 'network'],
    ['server-error-internal-error', 'network'],
    ['client-error-something-new', 'network'],
  ] as const)('%s is %s', (code, failureClass) => {
    const failure = failureOfIppStatus(code, 'detail from cupsd', 'Office');
    expect(failure.failureClass).toBe(failureClass);
    expect(failure.message).toContain(code);
    expect(failure.message).toContain('detail from cupsd');
  });
});
