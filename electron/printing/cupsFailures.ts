/**
 * An IPP status code that refused a CUPS request, as a failure class (DESIGN §6) with a sentence for the operator.
 * Pure: the table is the specification.
 */
import type { FailureClass } from '../../shared/domain';
import { PrintFailure } from './driver';

export const BY_STATUS: Record<string, { failureClass: FailureClass; sentence: (queue: string) => string }> = {
  'server-error-not-accepting-jobs': {
    failureClass: 'printer_offline',
    sentence: (q) => `The CUPS queue ${q} is rejecting jobs; accept them again with cupsaccept ${q}`,
  },
  'client-error-not-found': {
    failureClass: 'printer_offline',
    sentence: (q) => `CUPS has no queue named ${q}; check the printer's name in settings`,
  },
  'client-error-document-format-not-supported': {
    failureClass: 'invalid_data',
    sentence: (q) => `${q} cannot print this kind of file`,
  },
  'client-error-document-format-error': { failureClass: 'invalid_data', sentence: (q) => `${q} found the file damaged` },
  'client-error-document-unprintable-error': { failureClass: 'invalid_data', sentence: (q) => `${q} found the file unprintable` },
  'client-error-attributes-or-values-not-supported': {
    failureClass: 'invalid_data',
    sentence: (q) => `${q} does not support the order's print options`,
  },
  'client-error-request-entity-too-large': { failureClass: 'invalid_data', sentence: (q) => `The file is too large for ${q}` },
  'client-error-forbidden': {
    failureClass: 'printer_offline',
    sentence: (q) => `CUPS does not let this station print to ${q}; check the queue's policy in cupsd.conf`,
  },
  'client-error-not-authorized': {
    failureClass: 'printer_offline',
    sentence: (q) => `CUPS does not let this station print to ${q}; check the queue's policy in cupsd.conf`,
  },
  'client-error-not-authenticated': {
    failureClass: 'printer_offline',
    sentence: (q) => `CUPS asks for a password to print to ${q}; allow the station's user in cupsd.conf`,
  },
  'server-error-busy': { failureClass: 'network', sentence: (q) => `CUPS is too busy to take a job for ${q}; it will be retried` },
  'server-error-service-unavailable': { failureClass: 'network', sentence: (q) => `CUPS is not available for ${q}; it will be retried` },
  'server-error-temporary-error': { failureClass: 'network', sentence: (q) => `CUPS had a temporary error on ${q}; it will be retried` },
  'server-error-internal-error': { failureClass: 'network', sentence: (q) => `CUPS had an internal error on ${q}; it will be retried` },
};

export function failureOfIppStatus(statusCode: string, statusMessage: string | undefined, queue: string): PrintFailure {
  const known = BY_STATUS[statusCode];
  const detail = statusMessage ? `: ${statusMessage}` : '';
  // CUPS answered the request with an error status: it created no job, so nothing of it can print.
  if (known) return new PrintFailure(known.failureClass, `${known.sentence(queue)} (${statusCode}${detail}).`, { sent: 'no' });
  return new PrintFailure('network', `CUPS refused the request for ${queue} (${statusCode}${detail}).`, { sent: 'no' });
}
