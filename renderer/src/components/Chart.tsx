/** A small time-series chart (uPlot) for the Metrics screen. */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export function Chart({
  title,
  unit,
  times,
  values,
  color,
}: {
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
        scales: { x: { time: true } },
        axes: [{}, { label: unit, size: 50 }],
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
  }, [title, unit, times, values, color]);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={ref} />
      {times.length === 0 && <p className="muted small">No data yet (metrics are written every few minutes).</p>}
    </figure>
  );
}
