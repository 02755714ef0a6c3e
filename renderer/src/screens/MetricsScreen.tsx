/** How the room is doing: prints and failures per hour, how long orders wait before printing starts, offline time. */
import { useMemo } from 'react';
import type { MetricsPoint } from '../../../shared/stationApi';
import { Chart } from '../components/Chart';
import { useStation } from '../storeContext';

const RANGES = [6, 24, 24 * 7];
const BUCKET_MS = 5 * 60_000;

/**
 * Every station writes its own point every few minutes; the room's curve adds them up per 5-minute slot (prints,
 * failures, offline time) and averages the start delay, so several stations do not draw a zigzag.
 */
export function fleetSeries(points: MetricsPoint[]) {
  const slots = new Map<number, MetricsPoint[]>();
  for (const p of points) {
    const slot = Math.floor(+p.at / BUCKET_MS) * BUCKET_MS;
    slots.set(slot, [...(slots.get(slot) ?? []), p]);
  }
  const ordered = [...slots.entries()].sort(([a], [b]) => a - b);
  const sum = (ps: MetricsPoint[], f: (p: MetricsPoint) => number) => ps.reduce((t, p) => t + f(p), 0);
  return {
    times: ordered.map(([slot]) => slot / 1000),
    prints: ordered.map(([, ps]) => sum(ps, (p) => p.printsPerHour)),
    failures: ordered.map(([, ps]) => sum(ps, (p) => p.failuresPerHour)),
    delay: ordered.map(([, ps]) => sum(ps, (p) => p.averageStartDelayMs) / ps.length / 1000),
    offline: ordered.map(([, ps]) => sum(ps, (p) => p.offlineMs) / 60_000),
  };
}

export function MetricsScreen() {
  const points = useStation((s) => s.metrics);
  const hours = useStation((s) => s.metricsHours);
  const load = useStation((s) => s.loadMetrics);
  const series = useMemo(() => fleetSeries(points ?? []), [points]);
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
