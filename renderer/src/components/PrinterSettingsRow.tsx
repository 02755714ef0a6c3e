/** One managed printer in Settings: the name shown, what it may print, and whether items must be taken out. */
import { PAPER_SIZES } from '../../../shared/domain';
import type { ManagedPrinter } from '../../../shared/stationSettings';

export function PrinterSettingsRow({ printer, onChange }: { printer: ManagedPrinter; onChange(p: ManagedPrinter): void }) {
  const caps = printer.capabilities;
  const setCaps = (patch: Partial<ManagedPrinter['capabilities']>) => onChange({ ...printer, capabilities: { ...caps, ...patch } });
  return (
    <fieldset className="printer-settings">
      <legend>
        <label className="inline">
          <input type="checkbox" checked={printer.managed} onChange={(e) => onChange({ ...printer, managed: e.target.checked })} />
          {printer.systemName} <span className="muted">({printer.driverKind})</span>
        </label>
      </legend>
      <label>
        Name shown
        <input value={printer.displayName} onChange={(e) => onChange({ ...printer, displayName: e.target.value })} />
      </label>
      <div className="inline-group">
        Paper:
        {PAPER_SIZES.map((size) => (
          <label key={size} className="inline">
            <input
              type="checkbox"
              checked={caps.paperSizes.includes(size)}
              onChange={(e) =>
                setCaps({ paperSizes: e.target.checked ? [...caps.paperSizes, size] : caps.paperSizes.filter((s) => s !== size) })
              }
            />
            {size}
          </label>
        ))}
      </div>
      <div className="inline-group">
        <label className="inline">
          <input type="checkbox" checked={caps.color} onChange={(e) => setCaps({ color: e.target.checked })} /> Colour
        </label>
        <label className="inline">
          <input type="checkbox" checked={caps.duplex} onChange={(e) => setCaps({ duplex: e.target.checked })} /> Duplex
        </label>
        <label className="inline">
          Max copies
          <input type="number" min={1} className="narrow" value={caps.maxCopies} onChange={(e) => setCaps({ maxCopies: Math.max(1, Number(e.target.value)) })} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={printer.requiresRetrieval} onChange={(e) => onChange({ ...printer, requiresRetrieval: e.target.checked })} />
          Wait for "Item retrieved" after each print
        </label>
      </div>
    </fieldset>
  );
}
