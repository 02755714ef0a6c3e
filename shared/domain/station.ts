/** The `stations`, `print_logs` and `metrics` collections (DESIGN §3). */
import { z } from 'zod';
import { PrintStatus } from './order';

export const StationDoc = z
  .object({
    _id: z.string().min(1),
    name: z.string(),
    hostname: z.string(),
    version: z.string(),
    workerId: z.string(),
    startedAt: z.coerce.date(),
    lastHeartbeatAt: z.coerce.date(),
    connection: z.enum(['online', 'degraded', 'offline']).optional(),
  })
  .passthrough();
export type StationDoc = z.infer<typeof StationDoc>;

/** Who or what caused a transition (DESIGN §4). */
export const TransitionSource = z.enum(['operator', 'station', 'reaper', 'shop', 'migration']);
export type TransitionSource = z.infer<typeof TransitionSource>;

export const PRINT_LOG_ACTIONS = [
  'claimed',
  'submitted',
  'printed',
  'retry_scheduled',
  'failed',
  'needs_attention',
  'lease_expired',
  'lost_ownership',
  'stray_copy',
  'server_shutdown',
  'reprint',
  'cancel',
  'cancel_requested',
  'reset_state',
  'force_printed',
  'retrieval_confirmed',
  'retrieval_rejected',
  'printer_recovered',
  'capability_mismatch',
  'invalid_data',
  'pin_refused',
  // queue steering (issue 11)
  'print_next',
  'priority_changed',
  'held',
  'released',
  'pinned',
  'unpinned',
] as const;
export const PrintLogAction = z.enum(PRINT_LOG_ACTIONS);
export type PrintLogAction = z.infer<typeof PrintLogAction>;

export const PrintLogDoc = z
  .object({
    _id: z.unknown().optional(),
    action: PrintLogAction,
    orderId: z.string(),
    printJobId: z.string().optional().nullable(),
    adminId: z.string().optional().nullable(),
    adminEmail: z.string().optional().nullable(),
    previousStatus: PrintStatus.optional().nullable(),
    newStatus: PrintStatus.optional().nullable(),
    reason: z.string().optional().nullable(),
    source: TransitionSource,
    stationId: z.string().optional().nullable(),
    printerId: z.string().optional().nullable(),
    timestamp: z.coerce.date(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();
export type PrintLogDoc = z.infer<typeof PrintLogDoc>;

export const MetricsDoc = z
  .object({
    _id: z.unknown().optional(),
    timestamp: z.coerce.date(),
    prints_per_hour: z.number(),
    failures_per_hour: z.number(),
    average_print_start_delay: z.number(),
    printer_offline_duration: z.number(),
    workerId: z.string(),
    stationId: z.string().optional(),
    createdAt: z.coerce.date(),
    updatedAt: z.coerce.date(),
  })
  .passthrough();
export type MetricsDoc = z.infer<typeof MetricsDoc>;

/** Who did something, recorded with every operator action. */
export interface Actor {
  source: TransitionSource;
  adminId?: string;
  adminEmail?: string;
  stationId?: string;
}
