/**
 * The demo's "simulate" buttons on a virtual printer's card: what a person standing at the printer could do to it
 * (jam it, switch it off, slow it down, make it give up mid-job), so a newcomer can watch the station notice and
 * recover without reading code. Shown for virtual printers only; a real printer is never offered them.
 */
import type { PrinterView, SimulatedFault } from '../../../shared/stationApi';
import { t } from '../i18n';
import { useStation } from '../storeContext';
import './SimulateButtons.css';

/** Each button's label is simulate.<fault>, its title simulate.<fault>Title. */
const BUTTONS: SimulatedFault[] = ['jam', 'clear_jam', 'offline', 'online', 'slow', 'normal_speed', 'die_mid_job'];

export function SimulateButtons({ printer }: { printer: PrinterView }) {
  const command = useStation((s) => s.command);
  if (printer.driverKind !== 'virtual') return null;
  return (
    <details className="simulate" data-testid={`simulate-${printer.name}`}>
      <summary>{t('simulate.summary')}</summary>
      <div className="simulate-buttons" role="group" aria-label={t('simulate.group', { name: printer.name })}>
        {BUTTONS.map((fault) => (
          <button
            key={fault}
            type="button"
            title={t(`simulate.${fault}Title`)}
            onClick={() => void command('simulateFault', { printerId: printer.printerId, fault })}
          >
            {t(`simulate.${fault}`)}
          </button>
        ))}
      </div>
    </details>
  );
}
