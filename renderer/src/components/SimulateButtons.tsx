/**
 * The demo's "simulate" buttons on a virtual printer's card: what a person standing at the printer could do to it
 * (jam it, switch it off, slow it down, make it give up mid-job), so a newcomer can watch the station notice and
 * recover without reading code. Shown for virtual printers only; a real printer is never offered them.
 */
import type { PrinterView, SimulatedFault } from '../../../shared/stationApi';
import { useStation } from '../storeContext';
import './SimulateButtons.css';

const BUTTONS: Array<{ fault: SimulatedFault; label: string; title: string }> = [
  { fault: 'jam', label: 'Jam', title: 'Paper jams: the job in hand stops and the printer reports an error' },
  { fault: 'clear_jam', label: 'Clear jam', title: 'Take the jammed paper out (then press Printer recovered)' },
  { fault: 'offline', label: 'Switch off', title: 'The printer goes offline; its job stops' },
  { fault: 'online', label: 'Switch on', title: 'The printer comes back online' },
  { fault: 'slow', label: 'Slow', title: 'Every page takes five times as long' },
  { fault: 'normal_speed', label: 'Normal speed', title: 'Back to its normal speed' },
  { fault: 'die_mid_job', label: 'Die mid-job', title: 'The next job stops half way through its pages' },
];

export function SimulateButtons({ printer }: { printer: PrinterView }) {
  const command = useStation((s) => s.command);
  if (printer.driverKind !== 'virtual') return null;
  return (
    <details className="simulate" data-testid={`simulate-${printer.name}`}>
      <summary>Simulate a fault (demo printer)</summary>
      <div className="simulate-buttons" role="group" aria-label={`Simulate a fault on ${printer.name}`}>
        {BUTTONS.map((b) => (
          <button
            key={b.fault}
            type="button"
            title={b.title}
            onClick={() => void command('simulateFault', { printerId: printer.printerId, fault: b.fault })}
          >
            {b.label}
          </button>
        ))}
      </div>
    </details>
  );
}
