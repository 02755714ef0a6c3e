/**
 * Every station and printer sharing the database: who is alive, what each printer is doing. Live: it looks again
 * every few seconds while shown. A station that stopped heartbeating is offline, and its printers' states are shown
 * as unknown (what they last said is in the tooltip), never as "printing" from a station that is gone.
 */
import { useEffect } from 'react';
import { faultOf } from '../../../shared/operatorWords';
import type { FleetPrinter } from '../../../shared/stationApi';
import { compareVersions, newestVersion } from '../../../shared/versions';
import { PRINTER_STATE_LABEL, stateClass, timeAgo } from '../printRoom';
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
        <h1>Fleet</h1>
        <div className="grow" />
        <button onClick={() => reload()}>Refresh</button>
      </div>
      {!fleet ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <h2>Stations</h2>
          <table className="table" data-testid="fleet-stations">
            <thead>
              <tr>
                <th>Station</th>
                <th>Status</th>
                <th>Host</th>
                <th>Version</th>
                <th>Last heartbeat</th>
                <th>Running since</th>
              </tr>
            </thead>
            <tbody>
              {fleet.stations.map((s) => {
                const older = newest !== undefined && compareVersions(s.version, newest) < 0;
                return (
                  <tr key={s.id} className={s.alive ? '' : 'dead'} data-testid={`station-${s.name}`}>
                    <td>
                      {s.name} {s.isThisStation ? <span className="badge">this station</span> : null}
                    </td>
                    <td>
                      <span className={`dot ${s.alive ? 'dot-ok' : 'dot-off'}`} aria-hidden="true" /> {s.alive ? 'Online' : 'Offline'}
                    </td>
                    <td>{s.hostname}</td>
                    <td>
                      {s.version}
                      {older ? <span className="muted small"> (older than {newest})</span> : null}
                    </td>
                    <td>{timeAgo(s.lastHeartbeatAt)}</td>
                    <td>{s.alive ? timeAgo(s.startedAt) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <h2>Printers</h2>
          <table className="table" data-testid="fleet-printers">
            <thead>
              <tr>
                <th>Printer</th>
                <th>Station</th>
                <th>State</th>
                <th>Last seen</th>
                <th>Last print</th>
                <th>Paper</th>
                <th>Problem</th>
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
                  <td>{p.lastSuccessfulPrintAt ? timeAgo(p.lastSuccessfulPrintAt) : 'never'}</td>
                  <td>
                    {p.capabilities.paperSizes.join('/')}
                    {p.capabilities.color ? ' · colour' : ''}
                    {p.capabilities.duplex ? ' · duplex' : ''}
                  </td>
                  <td className="error-text" title={p.errorMessage ?? undefined}>
                    {p.errorMessage && p.stateKnown !== false ? (faultOf(p.errorMessage)?.problem ?? p.errorMessage) : ''}
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
        title={`Its station is offline; the printer last said: ${PRINTER_STATE_LABEL[p.state]}`}
        data-testid="state-unknown"
      >
        Unknown (station offline)
      </span>
    );
  }
  return <span className={`state-pill small ${stateClass(p.state)}`}>{PRINTER_STATE_LABEL[p.state]}</span>;
}
