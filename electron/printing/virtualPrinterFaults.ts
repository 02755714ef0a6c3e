/**
 * The demo's "simulate" buttons: a fault on a virtual printer, as a person at the printer would cause it, and the
 * sentence the station logs for it. Only a virtual printer can be told; a real one is refused with a reason.
 */
import type { SimulatedFault } from '../../shared/stationApi';
import type { Result } from '../../shared/result';
import { ENGLISH_SIMULATED, SLOW_FACTOR, steerOutcomeSentence, type SteerOutcome } from '../../shared/steerOutcomes';
import type { PrinterDriver } from './driver';
import type { PrinterCommand } from './virtualPrinterControl';
import { VirtualPrinterDriver } from './virtualPrinter';

export { SLOW_FACTOR };

/** The virtual printer's remote-control command for each fault. Pure. */
export function virtualCommandFor(fault: SimulatedFault): PrinterCommand {
  switch (fault) {
    case 'jam':
      return { command: 'jam', reason: 'media-jam' };
    case 'clear_jam':
      return { command: 'clearJam' };
    case 'offline':
      return { command: 'goOffline' };
    case 'online':
      return { command: 'comeOnline' };
    case 'slow':
      return { command: 'slow', factor: SLOW_FACTOR };
    case 'normal_speed':
      return { command: 'slow', factor: 1 };
    case 'die_mid_job':
      return { command: 'dieMidJob' };
  }
}

/** What happened, in the words of the person standing at the printer. Pure. */
export function simulatedFaultSentence(printerName: string, fault: SimulatedFault): string {
  return ENGLISH_SIMULATED[fault]!(printerName);
}

/** Tells the virtual printer behind `driver`; refused for any other kind of printer. */
export function simulateFault(
  driver: PrinterDriver | undefined,
  printer: { name: string; systemName: string },
  fault: SimulatedFault,
): Result<{ message: string; said: SteerOutcome }> {
  if (!(driver instanceof VirtualPrinterDriver))
    return { ok: false, reason: `${printer.name} is a real printer; faults can only be simulated on the demo's virtual printers` };
  driver.apply(printer.systemName, virtualCommandFor(fault));
  // Said as data too, so each console words it in its operator's language (shared/steerOutcomes).
  const said: SteerOutcome = { key: 'simulated', params: { printer: printer.name, fault } };
  const sentence = steerOutcomeSentence(said);
  return { ok: true, message: sentence.charAt(0).toUpperCase() + sentence.slice(1), said };
}
