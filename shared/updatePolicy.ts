/**
 * When a downloaded update may install (issue 12: "updates that never cut a print"). Installing quits the app, so
 * the rule is: never while anything of this station is in flight. Nothing may be printing, no job may be at a
 * spooler, no order of this station may be `printing` (an attempt between claim and spooler, or an outcome still
 * waiting in the journal for the database).
 *
 * The quiet hour never overrides a live job. It narrows *when*: a shop that sets one gets its updates only inside
 * it (and only when idle then too); a shop that sets none gets them at the first idle moment.
 *
 * What survives a restart does not hold an update back: a printer in `error` or `awaiting_retrieval` or `paused`
 * comes back the same (journal and database), so waiting for a person to clear it would only delay the update.
 * A printer still `starting` does: it may be following a job from before.
 */
import { z } from 'zod';
import type { PrinterState } from './domain';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The shop's quiet hour(s), in the station's local time; `from` after `to` runs over midnight (22:00–06:00). */
export const QuietHours = z
  .object({
    from: z.string().regex(TIME, 'a time of day as HH:MM'),
    to: z.string().regex(TIME, 'a time of day as HH:MM'),
  })
  .refine((q) => q.from !== q.to, { message: 'the quiet hour needs an end different from its start' });
export type QuietHours = z.infer<typeof QuietHours>;

export interface UpdateSituation {
  /** The update downloaded and ready to install; null when none is. */
  downloaded: { version: string } | null;
  /** This station's printers; `job` is the attempt a printer holds (its phase says whether the spooler has it). */
  printers: Array<{ name: string; state: PrinterState; job?: { orderId: string; phase: 'claimed' | 'downloading' | 'submitted' } }>;
  /** Jobs at a spooler no printer shows as its own (followed again after a restart, or found by reconciliation). */
  jobsAtSpooler: Array<{ printerName: string; orderId: string }>;
  /** Orders of this station whose outcome waits in the journal: still `printing` in the database. */
  outcomesWaiting: number;
  /** Whether the engine runs at all (first run, no database configured: nothing can be cut). */
  engineRunning: boolean;
  /** Settings changed and the engine is being rebuilt: the old one may still follow a job, the new one reconciles. */
  stationRestarting: boolean;
  now: Date;
  quietHours: QuietHours | null;
}

export interface UpdateDecision {
  /** The downloaded update this is about; null when none is downloaded. */
  version: string | null;
  install: boolean;
  /** One sentence for the tray and the log. */
  reason: string;
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether `now` (local time) falls inside the quiet hour; the end is not part of it. */
export function insideQuietHours(now: Date, quiet: QuietHours): boolean {
  const at = now.getHours() * 60 + now.getMinutes();
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  return from < to ? at >= from && at < to : at >= from || at < to;
}

/** Everything of this station in flight, most telling first, in the operator's words. */
function inFlight(s: UpdateSituation): string[] {
  const reasons: string[] = [];
  const seen = new Set<string>();
  for (const p of s.printers) {
    if (p.job?.phase === 'submitted') reasons.push(`order ${p.job.orderId} is at the spooler of printer ${p.name}`);
    else if (p.job) reasons.push(`printer ${p.name} is preparing order ${p.job.orderId}`);
    else if (p.state === 'printing') reasons.push(`printer ${p.name} is printing`);
    else if (p.state === 'starting') reasons.push(`printer ${p.name} is starting`);
    if (p.job) seen.add(p.job.orderId);
  }
  for (const job of s.jobsAtSpooler) {
    if (!seen.has(job.orderId)) reasons.push(`order ${job.orderId} is at the spooler of printer ${job.printerName}`);
  }
  if (s.outcomesWaiting > 0) {
    reasons.push(
      s.outcomesWaiting === 1
        ? 'one order still waits for the database to take its outcome'
        : `${s.outcomesWaiting} orders still wait for the database to take their outcomes`,
    );
  }
  return reasons;
}

export function updateDecision(s: UpdateSituation): UpdateDecision {
  if (!s.downloaded) return { version: null, install: false, reason: 'No update waiting.' };
  const version = s.downloaded.version;
  const update = `Update ${version}`;
  const busy = s.stationRestarting ? ['the station is restarting with new settings'] : s.engineRunning ? inFlight(s) : [];
  if (busy.length > 0) {
    const more = busy.length > 1 ? ` (and ${busy.length - 1} more)` : '';
    return { version, install: false, reason: `${update} waits: ${busy[0]}${more}.` };
  }
  if (s.quietHours && !insideQuietHours(s.now, s.quietHours)) {
    return { version, install: false, reason: `${update} waits for the quiet hour (${s.quietHours.from}–${s.quietHours.to}).` };
  }
  const when = s.quietHours ? 'inside the quiet hour, nothing printing' : 'nothing printing';
  return { version, install: true, reason: `${update} installs now: ${when}.` };
}
