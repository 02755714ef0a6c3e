/**
 * What a steer of the queue did (shared/steerOutcomes) in the operator's language: the table filled from the catalogue
 * (steerDone.*), its English word for word the station's own; test/shared/steerOutcomes.test.ts checks it.
 */
import {
  ENGLISH_STEER_OUTCOMES,
  SaidSteerOutcome,
  SLOW_FACTOR,
  steerOutcomeSentence,
  type SteerOutcomeWords,
} from '../../../shared/steerOutcomes';
import { SimulatedFault, type CommandResult } from '../../../shared/stationApi';
import { localeStore, perLocale, translateIn } from './locale';
import { capitalised } from './refusalWords';

export const steerOutcomeWordsIn = perLocale((locale): SteerOutcomeWords => {
  return {
    printsNext: ({ orderId, priority }) => translateIn(locale, 'steerDone.printsNext', { orderId, priority: String(priority) }),
    priorityChanged: ({ orderId, from, to }) =>
      translateIn(locale, 'steerDone.priorityChanged', { orderId, from: String(from), to: String(to) }),
    held: ({ orderId }) => translateIn(locale, 'steerDone.held', { orderId }),
    released: ({ orderId }) => translateIn(locale, 'steerDone.released', { orderId }),
    pinnedToPrinter: ({ orderId, printerId }) => translateIn(locale, 'steerDone.pinnedToPrinter', { orderId, printerId }),
    pinnedToStation: ({ orderId, stationId }) => translateIn(locale, 'steerDone.pinnedToStation', { orderId, stationId }),
    unpinned: ({ orderId }) => translateIn(locale, 'steerDone.unpinned', { orderId }),
    pausesAfterJob: ({ orderId, printer }) => translateIn(locale, 'steerDone.pausesAfterJob', { orderId, printer }),
    simulated: (p) => {
      const fault = SimulatedFault.options.find((f) => f === p.fault);
      if (fault === 'slow') return translateIn(locale, 'steerDone.simulated.slow', { printer: p.printer, factor: String(SLOW_FACTOR) });
      // A fault this console does not know (a newer station's): its English as the station says it.
      return fault ? translateIn(locale, `steerDone.simulated.${fault}`, { printer: p.printer }) : ENGLISH_STEER_OUTCOMES.simulated(p);
    },
  };
});

/** A done command's words when the station said what it did as data (a steer), with a capital; else its message. */
export function doneShown(
  result: Extract<CommandResult, { ok: true }>,
  words: SteerOutcomeWords = steerOutcomeWordsIn(localeStore.get()),
): string | undefined {
  const said = SaidSteerOutcome.parse(result.said);
  if (!said) return result.message;
  return capitalised(steerOutcomeSentence(said, words));
}
