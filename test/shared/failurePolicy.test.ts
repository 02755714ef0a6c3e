import { describe, expect, it } from 'vitest';
import { FAILURE_CLASSES } from '../../shared/domain';
import { FAILURE_POLICY, decideAfterFailure } from '../../shared/failurePolicy';

describe('the failure policy', () => {
  it('has a row for every failure class', () => {
    expect(Object.keys(FAILURE_POLICY).sort()).toEqual([...FAILURE_CLASSES].sort());
  });

  describe('network (download timeout, 5xx, database blip before submit)', () => {
    it('goes back to pending with a backoff that doubles each attempt, printer untouched', () => {
      const delays = [1, 2, 3, 4].map((attempt) => decideAfterFailure('network', attempt, 'download timed out'));
      for (const d of delays) expect(d).toMatchObject({ kind: 'retry', printer: 'keep' });
      const ms = delays.map((d) => (d.kind === 'retry' ? d.delayMs : -1));
      expect(ms[0]).toBeGreaterThan(0);
      expect(ms).toEqual([ms[0]!, ms[0]! * 2, ms[0]! * 4, ms[0]! * 8]);
    });

    it('gives up after the fifth attempt, with the last error in the message', () => {
      const d = decideAfterFailure('network', 5, 'HTTP 503 from cdn.shop.example');
      expect(d).toMatchObject({ kind: 'fail', code: 'exhausted' });
      if (d.kind === 'fail') expect(d.message).toContain('HTTP 503 from cdn.shop.example');
    });
  });

  describe('printer_jam (media-jam, media-empty, door-open)', () => {
    it('puts the printer in error and retries the order at once after recovery', () => {
      expect(decideAfterFailure('printer_jam', 1, 'Paper jam (media-jam)')).toEqual({ kind: 'retry', delayMs: 0, printer: 'error' });
      expect(decideAfterFailure('printer_jam', 2, 'Out of paper (media-empty)')).toEqual({ kind: 'retry', delayMs: 0, printer: 'error' });
    });

    it('fails the order as exhausted on the third jam, the printer still goes to error', () => {
      const d = decideAfterFailure('printer_jam', 3, 'Paper jam (media-jam)');
      expect(d).toMatchObject({ kind: 'fail', code: 'exhausted', printer: 'error' });
      if (d.kind === 'fail') expect(d.message).toContain('media-jam');
    });
  });

  describe('printer_offline', () => {
    it('releases the order at once for another printer and takes this printer offline, twice', () => {
      for (const count of [1, 2]) {
        expect(decideAfterFailure('printer_offline', count, 'printer does not answer')).toEqual({
          kind: 'retry',
          delayMs: 0,
          printer: 'offline',
        });
      }
    });

    it('fails the order on the third printer that went offline with it, saying the file may be at fault', () => {
      const d = decideAfterFailure('printer_offline', 3, 'SumatraPDF could not open the file');
      expect(d).toMatchObject({ kind: 'fail', code: 'exhausted', printer: 'offline' });
      if (d.kind === 'fail') {
        expect(d.message).toContain('the file may be at fault');
        expect(d.message).toContain('SumatraPDF could not open the file');
      }
    });
  });

  describe('interrupted (the station stopped or lost its lease before the job reached the printer)', () => {
    it('goes back to the queue at once, printer untouched, four times', () => {
      for (const count of [1, 2, 3, 4]) {
        expect(decideAfterFailure('interrupted', count, 'station shutting down')).toEqual({ kind: 'retry', delayMs: 0, printer: 'keep' });
      }
    });

    it('fails as exhausted on the fifth interruption: a file that crashes the station does not loop for ever', () => {
      const d = decideAfterFailure('interrupted', 5, 'station stopped renewing its lease');
      expect(d).toMatchObject({ kind: 'fail', code: 'exhausted', printer: 'keep' });
      if (d.kind === 'fail') expect(d.message).toContain('station stopped renewing its lease');
    });
  });

  it('counts failures of the class asked about: a network error after four bounces of another class is the first', () => {
    // The caller passes failureCounts[class] + 1, not printAttempt.
    expect(decideAfterFailure('network', 1, 'download timed out')).toMatchObject({ kind: 'retry' });
  });

  describe.each(['invalid_data', 'capability_mismatch', 'exhausted'] as const)('%s', (failureClass) => {
    it('fails at once with its own code and the message as given', () => {
      expect(decideAfterFailure(failureClass, 1, 'the file is not a PDF')).toEqual({
        kind: 'fail',
        code: failureClass,
        message: 'the file is not a PDF',
        printer: 'keep',
      });
    });
  });
});
