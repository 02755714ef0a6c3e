/**
 * A small time-series chart (uPlot) for the Metrics screen. The time axis spans the range the operator picked (one
 * point does not stretch it over years), the value axis starts at zero (a flat 0 does not read as "100").
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { t } from '../i18n';

export function Chart({
  title,
  unit,
  times,
  values,
  color,
  range,
}: {
  /** The time span shown, in seconds since the epoch: [from, to]. */
  range: [number, number];
  title: string;
  unit: string;
  times: number[];
  values: number[];
  color: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const plot = new uPlot(
      {
        width: Math.max(300, el.clientWidth),
        height: 180,
        legend: { show: false },
        scales: {
          x: { time: true, range: () => range },
          y: { range: (_u, _min, max) => [0, Math.max(1, (max ?? 0) * 1.15)] },
        },
        // Both axes say what they measure: time across, the unit up (issue 11: unlabelled axes read as anything).
        axes: [{ label: t('chart.time') }, { label: unit, size: 60 }],
        series: [{}, { label: title, stroke: color, width: 2, fill: `${color}22` }],
      },
      [times, values],
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(300, el.clientWidth), height: 180 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [title, unit, times, values, color, range]);
  return (
    <figure className="chart" aria-label={t('chart.label', { title, unit })}>
      <figcaption>{title}</figcaption>
      <div ref={ref} />
      {times.length === 0 && <p className="muted small">{t('chart.noData')}</p>}
    </figure>
  );
}
