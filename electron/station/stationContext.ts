/**
 * What every part of one running station shares (DESIGN §4–§7): who it is, its database link, its log, its
 * intervals, whether (and until when) it is stopping, and how the UI hears of a change. The engine builds one; each
 * part's *Deps picks the keys it uses from here instead of declaring them once more.
 */
import type { StationEvent } from '../../shared/stationApi';
import type { Intervals } from './config';
import type { DatabaseLink } from './link/databaseLink';
import type { StationLogger } from './logger';

export interface StationContext {
  stationId: string;
  link: DatabaseLink;
  logger: StationLogger;
  intervals: Intervals;
  /** Aborted when the station stops: cuts a download short. */
  stopSignal: AbortSignal;
  isStopping(): boolean;
  /** Epoch ms after which a shutdown stops following spooler jobs. */
  shutdownDeadline(): number | undefined;
  /** Something the UI shows changed: the snapshot goes out again (throttled). */
  changed(): void;
  /** Something happened the operator should hear of (printer error, item to take, a question). */
  emit(event: StationEvent): void;
}
