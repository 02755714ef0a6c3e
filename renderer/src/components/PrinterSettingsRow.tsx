/** One managed printer in Settings: the name shown, what it may print, and whether items must be taken out. */
import { PAPER_SIZES } from '../../../shared/domain';
import type { ManagedPrinter } from '../../../shared/stationSettings';
import { t } from '../i18n';

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
        {t('printerRow.nameShown')}
        <input value={printer.displayName} onChange={(e) => onChange({ ...printer, displayName: e.target.value })} />
      </label>
      <div className="inline-group">
        {t('printerRow.paper')}
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
          <input type="checkbox" checked={caps.color} onChange={(e) => setCaps({ color: e.target.checked })} /> {t('printerRow.colour')}
        </label>
        <label className="inline">
          <input type="checkbox" checked={caps.duplex} onChange={(e) => setCaps({ duplex: e.target.checked })} /> {t('printerRow.duplex')}
        </label>
        <label className="inline">
          {t('printerRow.maxCopies')}
          <input
            type="number"
            min={1}
            className="narrow"
            value={caps.maxCopies}
            onChange={(e) => setCaps({ maxCopies: Math.max(1, Number(e.target.value)) })}
          />
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={printer.requiresRetrieval}
            onChange={(e) => onChange({ ...printer, requiresRetrieval: e.target.checked })}
          />
          {t('printerRow.waitRetrieval')}
        </label>
      </div>
      {printer.driverKind === 'raw' && <LabelPrinterOptions printer={printer} onChange={onChange} />}
    </fieldset>
  );
}

/**
 * A raw 9100 label printer: the language it reads, its resolution, the label media loaded (PWG 5101.1 names such as
 * oe_4x6-label_4x6in or roll_max_62x1000mm, besides the sizes ticked above), and how its jobs are made and followed.
 */
function LabelPrinterOptions({ printer, onChange }: { printer: ManagedPrinter; onChange(p: ManagedPrinter): void }) {
  const caps = printer.capabilities;
  const short = new Set<string>(PAPER_SIZES);
  const labelMedia = caps.paperSizes.filter((s) => !short.has(s));
  const setLabelMedia = (text: string) => {
    const names = text.split(/[\s,]+/).filter(Boolean);
    const kept = caps.paperSizes.filter((s) => short.has(s));
    const paperSizes = [...kept, ...names];
    onChange({ ...printer, capabilities: { ...caps, paperSizes: paperSizes.length > 0 ? paperSizes : caps.paperSizes } });
  };
  return (
    <div className="inline-group">
      <label className="inline">
        {t('printerRow.language')}
        <select
          value={printer.language ?? ''}
          onChange={(e) => onChange({ ...printer, language: e.target.value === 'brother_ql' ? 'brother_ql' : 'zpl' })}
        >
          {!printer.language && <option value="">{t('printerRow.guessed')}</option>}
          <option value="zpl">ZPL (Zebra)</option>
          <option value="brother_ql">{t('printerRow.brother')}</option>
        </select>
      </label>
      <label className="inline">
        dpi
        <input
          type="number"
          min={100}
          max={1200}
          className="narrow"
          value={printer.dpi ?? (printer.language === 'brother_ql' ? 300 : 203)}
          onChange={(e) => onChange({ ...printer, dpi: Math.max(100, Number(e.target.value)) })}
        />
      </label>
      <label className="inline">
        {t('printerRow.labelMedia')}
        <input
          defaultValue={labelMedia.join(', ')}
          placeholder="oe_4x6-label_4x6in, roll_max_62x1000mm"
          onBlur={(e) => setLabelMedia(e.target.value)}
        />
      </label>
      <label className="inline">
        <select
          value={printer.rasterMode ?? 'threshold'}
          onChange={(e) => onChange({ ...printer, rasterMode: e.target.value === 'dither' ? 'dither' : 'threshold' })}
        >
          <option value="threshold">{t('printerRow.sharp')}</option>
          <option value="dither">{t('printerRow.dithered')}</option>
        </select>
      </label>
      {printer.language !== 'brother_ql' && (
        <label className="inline">
          <input
            type="checkbox"
            checked={printer.passThrough ?? false}
            onChange={(e) => onChange({ ...printer, passThrough: e.target.checked })}
          />
          {t('printerRow.passThrough')}
        </label>
      )}
      <label className="inline">
        <input
          type="checkbox"
          checked={printer.statusQuery ?? true}
          onChange={(e) => onChange({ ...printer, statusQuery: e.target.checked })}
        />
        {t('printerRow.statusQuery')}
      </label>
    </div>
  );
}
