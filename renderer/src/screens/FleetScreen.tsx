/** Every station and printer sharing the database: who is alive, what each printer is doing. */
import { PRINTER_STATE_LABEL, stateClass, timeAgo } from '../printRoom';
import { useStation } from '../storeContext';

export function FleetScreen() {
  const fleet = useStation((s) => s.fleet);
  const reload = useStation((s) => s.loadFleet);
  const stationNames = new Map((fleet?.stations ?? []).map((s) => [s.id, s.name]));
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
          <table className="table">
            <thead>
              <tr>
                <th>Station</th>
                <th>Host</th>
                <th>Version</th>
                <th>Last heartbeat</th>
                <th>Running since</th>
              </tr>
            </thead>
            <tbody>
              {fleet.stations.map((s) => (
                <tr key={s.id} className={s.alive ? '' : 'dead'}>
                  <td>
                    <span className={`dot ${s.alive ? 'dot-ok' : 'dot-off'}`} /> {s.name}{' '}
                    {s.isThisStation ? <span className="badge">this station</span> : null}
                  </td>
                  <td>{s.hostname}</td>
                  <td>{s.version}</td>
                  <td>{timeAgo(s.lastHeartbeatAt)}</td>
                  <td>{timeAgo(s.startedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Printers</h2>
          <table className="table">
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
                <tr key={p.printerId}>
                  <td>{p.name}</td>
                  <td>{stationNames.get(p.stationId) ?? p.stationId}</td>
                  <td>
                    <span className={`state-pill small ${stateClass(p.state)}`}>{PRINTER_STATE_LABEL[p.state]}</span>
                  </td>
                  <td>{timeAgo(p.lastSeenAt)}</td>
                  <td>{timeAgo(p.lastSuccessfulPrintAt)}</td>
                  <td>
                    {p.capabilities.paperSizes.join('/')}
                    {p.capabilities.color ? ' · colour' : ''}
                    {p.capabilities.duplex ? ' · duplex' : ''}
                  </td>
                  <td className="error-text">{p.errorMessage ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
