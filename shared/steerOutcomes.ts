/**
 * What a steer of the queue did (issue 11: print next, priority, hold, release, pin, unpin), as data beside its
 * English sentence, like a refusal (shared/commandRefusals): the station logs and answers the English `message`, the
 * done CommandResult carries the outcome as `said`, and the console says it in the operator's language.
 */
import { z } from 'zod';

const order = { orderId: z.string() };
const outcome = <K extends string, P extends z.ZodRawShape>(key: K, params: P) =>
  z.object({ key: z.literal(key), params: z.object(params) });

export const SteerOutcome = z.discriminatedUnion('key', [
  outcome('printsNext', { ...order, priority: z.number() }),
  outcome('priorityChanged', { ...order, from: z.number(), to: z.number() }),
  outcome('held', order),
  outcome('released', order),
  outcome('pinnedToPrinter', { ...order, printerId: z.string() }),
  outcome('pinnedToStation', { ...order, stationId: z.string() }),
  outcome('unpinned', order),
  // "pause after this job" at a printing printer (electron/station/printer/commands)
  outcome('pausesAfterJob', { ...order, printer: z.string() }),
  // the demo's "simulate" buttons (electron/printing/virtualPrinterFaults); `fault` is a SimulatedFault
  outcome('simulated', { printer: z.string(), fault: z.string() }),
]);
export type SteerOutcome = z.infer<typeof SteerOutcome>;
type Params<K extends SteerOutcome['key']> = Extract<SteerOutcome, { key: K }>['params'];

/** Every steer outcome's sentence in one language (English below; the console's from its catalogue). */
export type SteerOutcomeWords = { [K in SteerOutcome['key']]: (params: Params<K>) => string };

/** How much slower the demo's "slow" makes each page. */
export const SLOW_FACTOR = 5;

/** What a simulated fault did, in the words of the person standing at the printer (the station's log and message). */
export const ENGLISH_SIMULATED: Record<string, (printer: string) => string> = {
  jam: (p) => `paper jammed in ${p} (simulated): the job in hand stops; clear the jam, then press Printer recovered`,
  clear_jam: (p) => `the jam in ${p} was cleared (simulated); press Printer recovered`,
  offline: (p) => `${p} was switched off (simulated): it goes offline and its job stops`,
  online: (p) => `${p} was switched on again (simulated)`,
  slow: (p) => `${p} now prints ${SLOW_FACTOR} times slower (simulated)`,
  normal_speed: (p) => `${p} prints at its normal speed again (simulated)`,
  die_mid_job: (p) => `${p} will give up half way through its next job (simulated)`,
};

export const ENGLISH_STEER_OUTCOMES: SteerOutcomeWords = {
  printsNext: ({ orderId, priority }) => `order ${orderId} prints next (priority ${priority})`,
  priorityChanged: ({ orderId, from, to }) => `order ${orderId}: priority ${from} → ${to}`,
  held: ({ orderId }) => `order ${orderId} held: no printer takes it until it is released`,
  released: ({ orderId }) => `order ${orderId} released: the next free printer that fits takes it`,
  pinnedToPrinter: ({ orderId, printerId }) => `order ${orderId} will print on printer ${printerId} only`,
  pinnedToStation: ({ orderId, stationId }) => `order ${orderId} will print on a printer of station ${stationId} only`,
  unpinned: ({ orderId }) => `order ${orderId} may print on any printer that fits`,
  pausesAfterJob: ({ orderId, printer }) => `${printer} pauses after order ${orderId}`,
  simulated: ({ printer, fault }) => `${ENGLISH_SIMULATED[fault]?.(printer) ?? `${printer}: ${fault} (simulated)`}.`,
};

/** The outcome in `words` (English by default: the station's message and log). */
export function steerOutcomeSentence(outcome: SteerOutcome, words: SteerOutcomeWords = ENGLISH_STEER_OUTCOMES): string {
  const say = words[outcome.key] as (params: SteerOutcome['params']) => string;
  return say(outcome.params);
}

/** The outcome's `said` as a console reads it: one it knows, or undefined (then it shows the message as written). */
export const SaidSteerOutcome = SteerOutcome.optional().catch(undefined);
