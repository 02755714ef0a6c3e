/** Which driver errors prove that nothing was sent (`sent: 'no'`) and which may hide a queued job ('maybe'). */
import { describe, expect, it } from 'vitest';
import { PrintFailure, sentVerdictOfSocketError } from '../../electron/printing/driver';
import { failureOfIppStatus } from '../../electron/printing/cupsFailures';
import { printWithSumatra } from '../../electron/printing/windowsSumatra';
import { DEFAULT_PRINTING_OPTIONS } from '../../shared/domain';

describe('sent: no or maybe', () => {
  it('a PrintFailure is maybe-sent unless the driver says otherwise', () => {
    expect(new PrintFailure('network', 'timeout').sent).toBe('maybe');
    expect(new PrintFailure('printer_offline', 'refused', { sent: 'no' }).sent).toBe('no');
  });

  it('socket errors before a connection existed sent nothing; resets and timeouts may come after the upload', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']) expect(sentVerdictOfSocketError(code)).toBe('no');
    for (const code of ['ECONNRESET', 'ETIMEDOUT', 'EPIPE', undefined]) expect(sentVerdictOfSocketError(code)).toBe('maybe');
  });

  it('CUPS answering with an error status created no job', () => {
    expect(failureOfIppStatus('client-error-not-possible', undefined, 'Office').sent).toBe('no');
    expect(failureOfIppStatus('server-error-busy', 'busy', 'Office').sent).toBe('no');
    expect(failureOfIppStatus('some-new-status', undefined, 'Office').sent).toBe('no');
  });

  const sumatra = (error: object) =>
    printWithSumatra('Office', 'C:/x.pdf', DEFAULT_PRINTING_OPTIONS, {
      sumatraPath: 'sumatra.exe',
      timeoutMs: 1_000,
      run: async () => Promise.reject(Object.assign(new Error('x'), error)),
    }).catch((e: PrintFailure) => e);

  it('a SumatraPDF killed after a hang may have handed the job over; a missing SumatraPDF sent nothing', async () => {
    expect(await sumatra({ killed: true, signal: 'SIGKILL' })).toMatchObject({ sent: 'maybe' });
    expect(await sumatra({ code: 'ENOENT' })).toMatchObject({ sent: 'no' });
  });
});
