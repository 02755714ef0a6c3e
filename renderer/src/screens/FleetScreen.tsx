/**
 * Every station and printer sharing the database: who is alive, what each printer is doing. Live: it looks again
 * every few seconds while shown. A station that stopped heartbeating is offline, and its printers' states are shown
 * as unknown (what they last said is in the tooltip), never as "printing" from a station that is gone.
 */
import { useEffect } from 'react';
import { faultWordsOf } from '../../../shared/operatorWords';
import type { FleetPrinter } from '../../../shared/stationApi';
import { compareVersions, newestVersion } from '../../../shared/versions';
import { PRINTER_STATE_LABEL, stateClass, timeAgo } from '../printRoom';
import { t } from '../i18n';
import { printerWords } from '../i18n/printerWords';
import { useStation } from '../storeContext';

/** How often the screen looks again while open: well inside a heartbeat, so a stopped station shows within two. */
const REFRESH_MS = 5_000;

export function FleetScreen() {
  const fleet = useStation((s) => s.fleet);
  const reload = useStation((s) => s.loadFleet);
  useEffect(() => {
    const timer = setInterval(() => void reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const stationNames = new Map((fleet?.stations ?? []).map((s) => [s.id, s.name]));
  const newest = newestVersion((fleet?.stations ?? []).map((s) => s.version));
  return (
    <section>
      <div className="screen-head">
        <h1>{t('fleet.title')}</h1>
        <div className="grow" />
        <button onClick={() => reload()}>{t('fleet.refresh')}</button>
      </div>
      {!fleet ? (
        <p className="muted">{t('fleet.loading')}</p>
      ) : (
        <>
          <h2>{t('fleet.stations')}</h2>
          <table className="table" data-testid="fleet-stations">
            <thead>
              <tr>
                <th>{t('fleet.station')}</th>
                <th>{t('fleet.status')}</th>
                <th>{t('fleet.host')}</th>
                <th>{t('fleet.version')}</th>
                <th>{t('fleet.lastHeartbeat')}</th>
                <th>{t('fleet.runningSince')}</th>
              </tr>
            </thead>
            <tbody>
              {fleet.stations.map((s) => {
                const older = newest !== undefined && compareVersions(s.version, newest) < 0;
                return (
                  <tr key={s.id} className={s.alive ? '' : 'dead'} data-testid={`station-${s.name}`}>
                    <td>
                      {s.name} {s.isThisStation ? <span className="badge">{t('fleet.thisStation')}</span> : null}
                    </td>
                    <td>
                      <span className={`dot ${s.alive ? 'dot-ok' : 'dot-off'}`} aria-hidden="true" />{' '}
                      {s.alive ? t('fleet.online') : t('fleet.offline')}
                    </td>
                    <td>{s.hostname}</td>
                    <td>
                      {s.version}
                      {older ? <span className="muted small">{t('fleet.olderThan', { version: newest })}</span> : null}
                    </td>
                    <td>{timeAgo(s.lastHeartbeatAt)}</td>
                    <td>{s.alive ? timeAgo(s.startedAt) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h2>{t('fleet.printers')}</h2>
          <table className="table" data-testid="fleet-printers">
            <thead>
              <tr>
                <th>{t('fleet.printer')}</th>
                <th>{t('fleet.station')}</th>
                <th>{t('fleet.state')}</th>
                <th>{t('fleet.lastSeen')}</th>
                <th>{t('fleet.lastPrint')}</th>
                <th>{t('fleet.paper')}</th>
                <th>{t('fleet.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {fleet.printers.map((p) => (
                <tr key={p.printerId} className={p.stateKnown === false ? 'dead' : ''} data-testid={`fleet-printer-${p.name}`}>
                  <td>{p.name}</td>
                  <td>{stationNames.get(p.stationId) ?? p.stationId}</td>
                  <td>
                    <PrinterState printer={p} />
                  </td>
                  <td>{timeAgo(p.lastSeenAt)}</td>
                  <td>{p.lastSuccessfulPrintAt ? timeAgo(p.lastSuccessfulPrintAt) : t('time.never')}</td>
                  <td>
                    {p.capabilities.paperSizes.join('/')}
                    {p.capabilities.color ? t('card.colour') : ''}
                    {p.capabilities.duplex ? t('card.duplex') : ''}
                  </td>
                  <td className="error-text" title={p.errorMessage ?? undefined}>
                    {p.errorMessage && p.stateKnown !== false
                      ? (faultWordsOf(printerWords(), p.errorMessage)?.problem ?? p.errorMessage)
                      : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function PrinterState({ printer: p }: { printer: FleetPrinter }) {
  if (p.stateKnown === false) {
    return (
      <span
        className="state-pill small state-offline"
        title={t('fleet.unknownTitle', { state: PRINTER_STATE_LABEL[p.state] })}
        data-testid="state-unknown"
      >
        {t('fleet.unknown')}
      </span>
    );
  }
  return <span className={`state-pill small ${stateClass(p.state)}`}>{PRINTER_STATE_LABEL[p.state]}</span>;
}
