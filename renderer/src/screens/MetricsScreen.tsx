/** How the room is doing: prints and failures (counted per 5 minutes), how long orders wait before printing starts, offline time. */
import { useMemo } from 'react';
import type { MetricsPoint } from '../../../shared/stationApi';
import { Chart } from '../components/Chart';
import { t } from '../i18n';
import { useStation } from '../storeContext';

const RANGES = [6, 24, 24 * 7];
const BUCKET_MS = 5 * 60_000;
/** The four charts: what each shows, in which words and colour. */
const CHARTS = [
  { values: 'prints', title: 'metrics.printsChart', unit: 'metrics.printsUnit', color: '#1f6feb' },
  { values: 'failures', title: 'metrics.failuresChart', unit: 'metrics.failuresUnit', color: '#c62828' },
  { values: 'delay', title: 'metrics.delayChart', unit: 'metrics.delayUnit', color: '#b26a00' },
  { values: 'offline', title: 'metrics.offlineChart', unit: 'metrics.offlineUnit', color: '#6b7280' },
] as const;

/**
 * Every station writes its own point every few minutes; the room's curve adds them up per 5-minute slot (prints,
 * failures, offline time) and averages the start delay, so several stations do not draw a zigzag. Prints and failures
 * are counts in the slot, never a short window multiplied up to "per hour"; a point from an older station, which
 * carries only its rate, counts as that rate over its window (5 minutes unless it says).
 */
export function fleetSeries(points: MetricsPoint[]) {
  const slots = new Map<number, MetricsPoint[]>();
  for (const p of points) {
    const slot = Math.floor(+p.at / BUCKET_MS) * BUCKET_MS;
    slots.set(slot, [...(slots.get(slot) ?? []), p]);
  }
  const ordered = [...slots.entries()].sort(([a], [b]) => a - b);
  const sum = (ps: MetricsPoint[], f: (p: MetricsPoint) => number) => ps.reduce((t, p) => t + f(p), 0);
  const counted = (count: number | undefined, perHour: number, windowMs = BUCKET_MS) =>
    count ?? Math.round((perHour * windowMs) / 3_600_000);
  const prints = ordered.map(([, ps]) => sum(ps, (p) => counted(p.prints, p.printsPerHour, p.windowMs)));
  const failures = ordered.map(([, ps]) => sum(ps, (p) => counted(p.failures, p.failuresPerHour, p.windowMs)));
  return {
    times: ordered.map(([slot]) => slot / 1000),
    prints,
    failures,
    delay: ordered.map(([, ps]) => sum(ps, (p) => p.averageStartDelayMs) / ps.length / 1000),
    offline: ordered.map(([, ps]) => sum(ps, (p) => p.offlineMs) / 60_000),
    totalPrints: prints.reduce((a, b) => a + b, 0),
    totalFailures: failures.reduce((a, b) => a + b, 0),
    totalOfflineMinutes: Math.round(ordered.reduce((t, [, ps]) => t + sum(ps, (p) => p.offlineMs), 0) / 60_000),
  };
}

export function MetricsScreen() {
  const points = useStation((s) => s.metrics);
  const hours = useStation((s) => s.metricsHours);
  const load = useStation((s) => s.loadMetrics);
  const series = useMemo(() => fleetSeries(points ?? []), [points]);
  // The span the operator picked, fixed when the points arrive (a chart must not re-draw every second for a clock).
  const range = useMemo((): [number, number] => {
    const to = Date.now() / 1000;
    return [to - hours * 3600, to];
  }, [hours, points]);
  return (
    <section>
      <div className="screen-head">
        <h1>{t('metrics.title')}</h1>
        <div className="grow" />
        {RANGES.map((h) => (
          <button key={h} className={h === hours ? 'active' : ''} onClick={() => load(h)}>
            {h < 48 ? t('metrics.hours', { count: h }) : t('metrics.days', { count: h / 24 })}
          </button>
        ))}
      </div>
      {!points ? (
        <p className="muted">{t('metrics.loading')}</p>
      ) : (
        <>
          <p className="muted" data-testid="metrics-totals">
            {t('metrics.totals', {
              span: hours < 48 ? t('metrics.hours', { count: hours }) : t('metrics.lastDays', { count: hours / 24 }),
              prints: t('metrics.prints', { count: series.totalPrints }),
              failures: t('metrics.failures', { count: series.totalFailures }),
              minutes: series.totalOfflineMinutes,
            })}
          </p>
          <div className="chart-grid">
            {CHARTS.map((c) => (
              <Chart
                key={c.values}
                range={range}
                title={t(c.title)}
                unit={t(c.unit)}
                times={series.times}
                values={series[c.values]}
                color={c.color}
              />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
