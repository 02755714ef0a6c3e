/** The strip across the top when something is wrong with the links: UI ↔ station, or station ↔ database. */
import { formatDuration } from '../../../shared/duration';
import { useStation } from '../storeContext';

export function ConnectionBanner() {
  const link = useStation((s) => s.link);
  const connection = useStation((s) => s.snapshot?.connection);
  const since = useStation((s) => s.snapshot?.connectionSince);
  const pendingOutcomes = useStation((s) => s.snapshot?.pendingOutcomes ?? 0);
  if (link === 'down') {
    return (
      <div className="banner banner-offline" role="alert" data-testid="banner">
        No contact with the station. Reconnecting…
      </div>
    );
  }
  if (connection === 'offline' || connection === 'degraded') {
    return (
      <div className={`banner banner-${connection}`} role="alert" data-testid="banner">
        {connection === 'offline' ? 'Database offline' : 'Database link unstable'}
        {since ? ` for ${formatDuration(Date.now() - new Date(since).getTime())}` : ''}. Printing in progress goes on; no new orders are
        taken.
        {pendingOutcomes === 1 ? ' 1 result will be written when it is back.' : ''}
        {pendingOutcomes > 1 ? ` ${pendingOutcomes} results will be written when it is back.` : ''}
      </div>
    );
  }
  return null;
}
