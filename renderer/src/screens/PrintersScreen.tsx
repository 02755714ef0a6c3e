/** The home screen: every printer this station drives, with the one thing each needs from the operator. */
import { AttentionSummary } from '../components/AttentionSummary';
import { PrinterCard } from '../components/PrinterCard';
import { t } from '../i18n';
import { useStation } from '../storeContext';

export function PrintersScreen() {
  const printers = useStation((s) => s.snapshot?.printers);
  const command = useStation((s) => s.command);
  const counts = useStation((s) => s.snapshot?.counts);
  if (!printers) return <p className="muted">{t('printers.waiting')}</p>;
  const anyPaused = printers.some((p) => p.state === 'paused');
  return (
    <section>
      <div className="screen-head">
        <h1>{t('printers.title')}</h1>
        <div className="counts">
          <span>{t('printers.pending', { count: counts?.pending ?? 0 })}</span>
          <span>{t('printers.printing', { count: counts?.printing ?? 0 })}</span>
        </div>
        <AttentionSummary />
        <div className="grow" />
        <button onClick={() => command('pauseAll', {})}>{t('printers.pauseAll')}</button>
        <button className={anyPaused ? 'primary' : ''} onClick={() => command('resumeAll', {})}>
          {t('printers.resumeAll')}
        </button>
      </div>
      {printers.length === 0 ? (
        <p className="empty">{t('printers.none')}</p>
      ) : (
        <div className="printer-grid">
          {printers.map((p) => (
            <PrinterCard key={p.printerId} printer={p} />
          ))}
        </div>
      )}
    </section>
  );
}
