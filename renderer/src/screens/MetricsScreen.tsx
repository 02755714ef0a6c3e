/** How the room is doing: prints and failures per hour, how long orders wait before printing starts, offline time. */
import { useMemo } from 'react';
import { Chart } from '../components/Chart';
import { useStation } from '../storeContext';

const RANGES = [6, 24, 24 * 7];

export function MetricsScreen() {
  const points = useStation((s) => s.metrics);
  const hours = useStation((s) => s.metricsHours);
  const load = useStation((s) => s.loadMetrics);
  const series = useMemo(() => {
    const sorted = [...(points ?? [])].sort((a, b) => +a.at - +b.at);
    return {
      times: sorted.map((p) => +p.at / 1000),
      prints: sorted.map((p) => p.printsPerHour),
      failures: sorted.map((p) => p.failuresPerHour),
      delay: sorted.map((p) => p.averageStartDelayMs / 1000),
      offline: sorted.map((p) => p.offlineMs / 60_000),
    };
  }, [points]);
  return (
    <section>
      <div className="screen-head">
        <h1>Metrics</h1>
        <div className="grow" />
        {RANGES.map((h) => (
          <button key={h} className={h === hours ? 'active' : ''} onClick={() => load(h)}>
            {h < 48 ? `${h} h` : `${h / 24} days`}
          </button>
        ))}
      </div>
      {!points ? (
        <p className="muted">Loading…</p>
      ) : (
        <div className="chart-grid">
          <Chart title="Prints per hour" unit="prints/h" times={series.times} values={series.prints} color="#1f6feb" />
          <Chart title="Failures per hour" unit="failures/h" times={series.times} values={series.failures} color="#c62828" />
          <Chart title="Start delay" unit="seconds" times={series.times} values={series.delay} color="#b26a00" />
          <Chart title="Printer offline time" unit="minutes" times={series.times} values={series.offline} color="#6b7280" />
        </div>
      )}
    </section>
  );
}
