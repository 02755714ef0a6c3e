/**
 * The demo's "simulate" buttons: a fault on a virtual printer, as a person at the printer would cause it, and the
 * sentence the station logs for it. Only a virtual printer can be told; a real one is refused with a reason.
 */
import type { SimulatedFault } from '../../shared/stationApi';
import type { Result } from '../../shared/result';
import type { PrinterDriver } from './driver';
import type { PrinterCommand } from './virtualPrinterControl';
import { VirtualPrinterDriver } from './virtualPrinter';

/** How much slower "slow" makes each page. */
export const SLOW_FACTOR = 5;

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
  const said: Record<SimulatedFault, string> = {
    jam: `paper jammed in ${printerName} (simulated): the job in hand stops; clear the jam, then press Printer recovered`,
    clear_jam: `the jam in ${printerName} was cleared (simulated); press Printer recovered`,
    offline: `${printerName} was switched off (simulated): it goes offline and its job stops`,
    online: `${printerName} was switched on again (simulated)`,
    slow: `${printerName} now prints ${SLOW_FACTOR} times slower (simulated)`,
    normal_speed: `${printerName} prints at its normal speed again (simulated)`,
    die_mid_job: `${printerName} will give up half way through its next job (simulated)`,
  };
  return said[fault];
}

/** Tells the virtual printer behind `driver`; refused for any other kind of printer. */
export function simulateFault(
  driver: PrinterDriver | undefined,
  printer: { name: string; systemName: string },
  fault: SimulatedFault,
): Result<{ message: string }> {
  if (!(driver instanceof VirtualPrinterDriver))
    return { ok: false, reason: `${printer.name} is a real printer; faults can only be simulated on the demo's virtual printers` };
  driver.apply(printer.systemName, virtualCommandFor(fault));
  const sentence = simulatedFaultSentence(printer.name, fault);
  return { ok: true, message: sentence.charAt(0).toUpperCase() + sentence.slice(1) + '.' };
}
