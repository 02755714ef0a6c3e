/** The home screen: every printer this station drives, with the one thing each needs from the operator. */
import { AttentionSummary } from '../components/AttentionSummary';
import { PrinterCard } from '../components/PrinterCard';
import { useStation } from '../storeContext';

export function PrintersScreen() {
  const printers = useStation((s) => s.snapshot?.printers);
  const command = useStation((s) => s.command);
  const counts = useStation((s) => s.snapshot?.counts);
  if (!printers) return <p className="muted">Waiting for the station…</p>;
  const anyPaused = printers.some((p) => p.state === 'paused');
  return (
    <section>
      <div className="screen-head">
        <h1>Printers</h1>
        <div className="counts">
          <span>{counts?.pending ?? 0} pending</span>
          <span>{counts?.printing ?? 0} printing</span>
        </div>
        <AttentionSummary />
        <div className="grow" />
        <button onClick={() => command('pauseAll', {})}>Pause all</button>
        <button className={anyPaused ? 'primary' : ''} onClick={() => command('resumeAll', {})}>
          Resume all
        </button>
      </div>
      {printers.length === 0 ? (
        <p className="empty">No printers are managed by this station yet. Add them in Settings.</p>
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
