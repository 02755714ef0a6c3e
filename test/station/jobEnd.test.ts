/** One reading of a spool job's state, for the loop that follows it, reconciliation and a withdrawn job. */
import { describe, expect, it } from 'vitest';
import type { SpoolJobStatus } from '../../electron/printing/driver';
import { jobEndOf } from '../../electron/station/printer/jobEnd';

const job = { jobId: '42', systemName: 'Front_Desk', jobName: 'job-1' };
const status = (state: SpoolJobStatus['state'], more: Partial<SpoolJobStatus> = {}): SpoolJobStatus => ({ state, reasons: [], ...more });

describe('jobEndOf', () => {
  it('only completed is a print; a job still going has no end', () => {
    expect(jobEndOf(status('completed'), job)).toMatchObject({ kind: 'printed' });
    for (const state of ['pending', 'held', 'processing', 'stopped', 'unknown'] as const)
      expect(jobEndOf(status(state), job)).toBeUndefined();
  });

  it("a print the printer could not confirm says so, with the printer's words when it has them", () => {
    expect(jobEndOf(status('sent-without-confirmation'), job)).toMatchObject({
      kind: 'printed',
      unconfirmed: expect.stringContaining('Job 42 was sent to Front_Desk'),
    });
    expect(jobEndOf(status('sent-without-confirmation', { message: 'no status answer' }), job)).toMatchObject({
      unconfirmed: 'no status answer',
    });
  });

  it("a cancel this station sent is the operator's cancel; any other end is a failure of the printer", () => {
    expect(jobEndOf(status('canceled'), job, { cancelSent: true })).toEqual({
      kind: 'cancelled',
      message: "cancelled at the operator's request",
    });
    expect(jobEndOf(status('canceled', { reasons: ['job-canceled-at-device'] }), job)).toEqual({
      kind: 'failed',
      failureClass: 'printer_jam',
      message: 'the spooler cancelled job 42 (job-canceled-at-device)',
      submitted: true,
    });
    expect(jobEndOf(status('aborted', { failureClass: 'printer_offline' }), job, { when: 'while the station was down' })).toEqual({
      kind: 'failed',
      failureClass: 'printer_offline',
      message: 'the spooler aborted job 42 while the station was down',
      submitted: true,
    });
  });
});
