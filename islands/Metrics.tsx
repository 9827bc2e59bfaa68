import { useEffect, useRef, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { formatBytes, formatDateTime, formatDuration, formatNumber } from '../src/ui/format';
import { interpolate } from '../src/ui/i18n/interpolate';
import type { MetricsMessages } from '../src/metrics/messages';
import { RANGES, type Range } from '../src/metrics/ranges';
import type { ChartData, ChartUnit, MetricsData } from '../src/metrics/series';

export type MetricsProps = {
  scope: string;
  range: Range;
  /** Draw every run as a dot (several jobs in one chart) or as a line (one job). */
  scatter: boolean;
  tag: string;
  timeZone: string;
  messages: MetricsMessages;
};

const TITLE: Record<ChartData['id'], keyof MetricsMessages> = {
  duration: 'metrics.duration',
  examinedSize: 'metrics.examinedSize',
  uploaded: 'metrics.uploaded',
  storage: 'metrics.storage',
  fileCount: 'metrics.fileCount',
  problems: 'metrics.problems',
  versions: 'metrics.versions',
};

function formatter(unit: ChartUnit, tag: string) {
  if (unit === 'bytes') return (v: number) => formatBytes(tag, v);
  if (unit === 'duration') return (v: number) => formatDuration(tag, v);
  return (v: number) => formatNumber(tag, v, 1);
}

function cssVar(name: string) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function Chart({ chart, props, UPlot }: { chart: ChartData; props: MetricsProps; UPlot: typeof uPlot | null }) {
  const box = useRef<HTMLDivElement>(null);
  const m = props.messages;
  const names = chart.id === 'problems' ? [m['run.warnings'], m['run.errors']] : [m[TITLE[chart.id]]];

  useEffect(() => {
    const el = box.current;
    if (!el || !UPlot || chart.x.length === 0) return;
    const fmt = formatter(chart.unit, props.tag);
    const text = cssVar('--text');
    const grid = cssVar('--border');
    const colours = chart.id === 'problems' ? [cssVar('--warn'), cssVar('--bad')] : [cssVar('--accent')];
    const longSpan = chart.x[chart.x.length - 1]! - chart.x[0]! > 300 * 86_400;
    const dateOnly = new Intl.DateTimeFormat(props.tag, longSpan ? { month: 'short', year: 'numeric', timeZone: props.timeZone } : { day: 'numeric', month: 'short', timeZone: props.timeZone });
    const plot = new UPlot(
      {
        width: el.clientWidth || 500,
        height: 220,
        scales: { x: { time: true } },
        cursor: { drag: { x: true, y: false } },
        series: [
          { label: m['run.begin'], value: (_u, v) => (v == null ? '—' : formatDateTime(props.tag, v * 1000, props.timeZone)) },
          ...names.map((label, i) => ({
            label,
            stroke: colours[i],
            width: 2,
            spanGaps: true,
            value: (_u: uPlot, v: number | null) => (v == null ? '—' : fmt(v)),
            ...(props.scatter ? { paths: () => null, points: { show: true, size: 5, fill: colours[i] } } : { points: { show: chart.x.length < 60 } }),
          })),
        ],
        axes: [
          { stroke: text, grid: { stroke: grid }, ticks: { stroke: grid }, values: (_u, splits) => splits.map((s) => dateOnly.format(s * 1000)) },
          { stroke: text, grid: { stroke: grid }, ticks: { stroke: grid }, size: 80, values: (_u, splits) => splits.map((s) => fmt(s)) },
        ],
      },
      [chart.x, ...chart.ys] as uPlot.AlignedData,
      el,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: el.clientWidth, height: 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [chart, UPlot]);

  return (
    <section class="chart" data-chart={chart.id} data-series={names.length}>
      <h2>{m[TITLE[chart.id]]}</h2>
      {chart.x.length === 0 ? <p class="empty">{m['metrics.noData']}</p> : <div class="chart-canvas" ref={box} />}
    </section>
  );
}

/** uPlot charts of every run in scope; the server has already cut each series to at most ~1,000 points. */
export default function Metrics(props: MetricsProps) {
  const m = props.messages;
  const [range, setRange] = useState<Range>(props.range);
  const [data, setData] = useState<MetricsData | null>(null);
  const [failed, setFailed] = useState(false);
  const [UPlot, setUPlot] = useState<typeof uPlot | null>(null);

  useEffect(() => {
    void import('uplot').then((mod) => setUPlot(() => mod.default));
  }, []);

  useEffect(() => {
    let live = true;
    setFailed(false);
    fetch(`/api/ui/metrics?scope=${encodeURIComponent(props.scope)}&range=${range}`)
      .then((res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        return res.json() as Promise<MetricsData>;
      })
      .then((d) => live && setData(d))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [range]);

  function choose(r: Range) {
    setRange(r);
    const url = new URL(location.href);
    url.searchParams.set('range', r);
    history.replaceState(null, '', url);
  }

  const points = data ? Math.max(0, ...data.charts.map((c) => c.x.length)) : 0;
  return (
    <div>
      <div class="toolbar">
        <fieldset class="pref-form">
          <legend>{m['metrics.range']}</legend>
          {RANGES.map((r) => (
            <button type="button" class="chip" aria-pressed={r === range ? 'true' : 'false'} onClick={() => choose(r)}>
              {m[`metrics.range.${r}`]}
            </button>
          ))}
        </fieldset>
      </div>
      <p class="muted">
        {m['metrics.zoomHint']}
        {data && data.runs > 0 ? ` ${interpolate(m['metrics.points'], { points: formatNumber(props.tag, points), runs: formatNumber(props.tag, data.runs) })}` : ''}
      </p>
      {failed && <p class="empty" role="status">{m['metrics.failed']}</p>}
      {!data && !failed && <p class="empty" role="status">{m['metrics.loading']}</p>}
      {data && data.runs === 0 && <p class="empty">{m['metrics.noData']}</p>}
      {data && data.runs > 0 && (
        <div class="charts">
          {data.charts.map((chart) => <Chart key={`${range}-${chart.id}`} chart={chart} props={props} UPlot={UPlot} />)}
        </div>
      )}
    </div>
  );
}
