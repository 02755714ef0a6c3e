/**
 * The job operations CUPS and a driverless printer answer alike, both speaking IPP: read a job's attributes and
 * state, cancel it, find it by name. The drivers differ only in how they reach the printer (a CUPS queue name, a
 * printer URI), in their failure sentences, and in how a state reads for the operator (cupsStates,
 * ippEverywhereStates); those stay in each driver.
 */
import type { IppGroup, IppMessage } from '@sealsystems/ipp';
import type { PrintFailure, SpoolJobRef } from './driver';
import type { PrintingOptions } from '../../shared/domain';
import { IppStatusError, asNumber, asString, asStrings, groups } from './cupsIppClient';
import { printingOptionsOfJob } from './cupsOptions';

export interface IppJobLine {
  /** One operation on the queue or printer `systemName` names. */
  call(systemName: string, operation: string, attributes: IppGroup): Promise<IppMessage>;
  /** A failed operation in this driver's words. */
  toFailure(err: unknown, systemName: string): PrintFailure;
}

/** A job as the spooler describes it. */
export interface IppJobReading {
  state: string;
  reasons: string[];
  stateMessage?: string;
  pagesDone?: number;
}

const isStatus = (err: unknown, ...codes: string[]) => err instanceof IppStatusError && codes.includes(err.statusCode);

async function jobAttributesOf(line: IppJobLine, job: SpoolJobRef, attributes: string[]): Promise<IppGroup> {
  const response = await line.call(job.systemName, 'Get-Job-Attributes', {
    'job-id': Number(job.jobId),
    'requested-attributes': attributes,
  });
  return groups(response, 'job-attributes-tag')[0] ?? {};
}

/**
 * The job's state, its message the first of `messageAttributes` the spooler filled in; undefined once the spooler's
 * history no longer has the job (nobody can tell how it ended).
 */
export async function readJob(
  line: IppJobLine,
  job: SpoolJobRef,
  attributes: string[],
  messageAttributes: string[],
): Promise<IppJobReading | undefined> {
  let found: IppGroup;
  try {
    found = await jobAttributesOf(line, job, attributes);
  } catch (err) {
    if (isStatus(err, 'client-error-not-found')) return undefined;
    throw line.toFailure(err, job.systemName);
  }
  const stateMessage = messageAttributes.map((name) => asString(found[name])).find((message) => message);
  const pagesDone = asNumber(found['job-impressions-completed']);
  return {
    state: asString(found['job-state']) ?? 'unknown',
    reasons: asStrings(found['job-state-reasons']),
    ...(stateMessage ? { stateMessage } : {}),
    ...(pagesDone !== undefined ? { pagesDone } : {}),
  };
}

/** The options as the spooler recorded them on the job (which of `attributes` it keeps depends on the spooler). */
export async function jobOptionsOf(line: IppJobLine, job: SpoolJobRef, attributes: string[]): Promise<Partial<PrintingOptions>> {
  try {
    return printingOptionsOfJob(await jobAttributesOf(line, job, attributes));
  } catch (err) {
    throw line.toFailure(err, job.systemName);
  }
}

export async function cancelJob(line: IppJobLine, job: SpoolJobRef): Promise<void> {
  try {
    await line.call(job.systemName, 'Cancel-Job', { 'job-id': Number(job.jobId) });
  } catch (err) {
    // Finished or forgotten: nothing is left to cancel, and the job's state tells how it ended.
    if (isStatus(err, 'client-error-not-possible', 'client-error-not-found')) return;
    throw line.toFailure(err, job.systemName);
  }
}

/**
 * The newest job named `jobName` (a reprint under a new printJobId never shares the name; a resubmission of the same
 * attempt could). `unknownTarget: 'no job'`: a queue the spooler does not know holds no job (CUPS); otherwise
 * not-found is a failure like any other.
 */
export async function findJobByName(
  line: IppJobLine,
  systemName: string,
  jobName: string,
  options: { unknownTarget: 'no job' | 'failure' },
): Promise<SpoolJobRef | undefined> {
  try {
    const response = await line.call(systemName, 'Get-Jobs', { 'which-jobs': 'all', 'requested-attributes': ['job-id', 'job-name'] });
    const ids = groups(response, 'job-attributes-tag')
      .filter((j) => asString(j['job-name']) === jobName)
      .map((j) => asNumber(j['job-id']))
      .filter((id): id is number => id !== undefined)
      .sort((a, b) => b - a);
    return ids[0] === undefined ? undefined : { systemName, jobId: String(ids[0]), jobName };
  } catch (err) {
    if (options.unknownTarget === 'no job' && isStatus(err, 'client-error-not-found')) return undefined;
    throw line.toFailure(err, systemName);
  }
}
