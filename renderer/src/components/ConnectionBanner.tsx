/** The strip across the top when something is wrong with the links: UI ↔ station, or station ↔ database. */
import { useStation } from '../storeContext';
import { fmt, t } from '../i18n';

export function ConnectionBanner() {
  const link = useStation((s) => s.link);
  const connection = useStation((s) => s.snapshot?.connection);
  const since = useStation((s) => s.snapshot?.connectionSince);
  const pendingOutcomes = useStation((s) => s.snapshot?.pendingOutcomes ?? 0);
  if (link === 'down') {
    return (
      <div className="banner banner-offline" role="alert" data-testid="banner">
        {t('banner.noContact')}
      </div>
    );
  }
  if (connection === 'offline' || connection === 'degraded') {
    return (
      <div className={`banner banner-${connection}`} role="alert" data-testid="banner">
        {connection === 'offline' ? t('banner.dbOffline') : t('banner.dbUnstable')}
        {since ? t('banner.for', { duration: fmt().duration(Date.now() - new Date(since).getTime()) }) : ''}
        {t('banner.goesOn')}
        {pendingOutcomes > 0 ? t('banner.pending', { count: pendingOutcomes }) : ''}
      </div>
    );
  }
  return null;
}
