import { useEffect, useRef, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { formatDate, formatNumber } from '../src/ui/format';

export type AdminChartSeries = { label: string; values: number[]; tone: 'bad' | 'accent' | 'ok' | 'warn' | 'late' };
export type AdminChart = { id: string; title: string; series: AdminChartSeries[] };
export type AdminChartsProps = { days: string[]; charts: AdminChart[]; tag: string; emptyLabel: string };

function cssVar(name: string) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function Chart({ chart, days, tag, UPlot, emptyLabel }: { chart: AdminChart; days: string[]; tag: string; UPlot: typeof uPlot | null; emptyLabel: string }) {
  const box = useRef<HTMLDivElement>(null);
  const total = chart.series.reduce((sum, s) => sum + s.values.reduce((a, b) => a + b, 0), 0);

  useEffect(() => {
    const el = box.current;
    if (!el || !UPlot) return;
    const x = days.map((d) => Date.parse(`${d}T12:00:00Z`) / 1000);
    const text = cssVar('--text');
    const grid = cssVar('--border');
    const bars = UPlot.paths.bars!({ size: [0.8 / chart.series.length, 40] });
    const plot = new UPlot(
      {
        width: el.clientWidth || 500,
        height: 200,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        series: [
          { label: '', value: (_u, v) => (v == null ? '—' : formatDate(tag, v * 1000)) },
          ...chart.series.map((s) => ({ label: s.label, stroke: cssVar(`--${s.tone}`), fill: cssVar(`--${s.tone}`), width: 1, paths: bars, points: { show: false } })),
        ],
        axes: [
          { stroke: text, grid: { stroke: grid }, ticks: { stroke: grid }, values: (_u, splits) => splits.map((s) => formatDate(tag, s * 1000)) },
          { stroke: text, grid: { stroke: grid }, ticks: { stroke: grid }, values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? formatNumber(tag, s) : '')) },
        ],
      },
      [x, ...chart.series.map((s) => s.values)] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 200 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [UPlot]);

  return (
    <section class="chart" data-chart={chart.id} data-series={chart.series.length}>
      <h2>{chart.title}</h2>
      <div class="chart-canvas" ref={box} role="img" aria-label={`${chart.title}: ${formatNumber(tag, total)}`} />
      {total === 0 ? <p class="muted">{emptyLabel}</p> : null}
    </section>
  );
}

/** The console's 30-day charts, drawn with uPlot from data rendered into the page. */
export default function AdminCharts({ days, charts, tag, emptyLabel }: AdminChartsProps) {
  const [UPlot, setUPlot] = useState<typeof uPlot | null>(null);
  useEffect(() => {
    void import('uplot').then((mod) => setUPlot(() => mod.default));
  }, []);
  return (
    <div class="charts">
      {charts.map((chart) => <Chart chart={chart} days={days} tag={tag} UPlot={UPlot} emptyLabel={emptyLabel} />)}
    </div>
  );
}
