// A bar chart over time (uPlot, drawn on a canvas) that screen readers and keyboard users get
// too: the drawing is one image whose label says what it shows (`summary`), and a table of
// every value sits under it in a <details>. Times on the axis are the browser's own zone
// (uPlot's default), as everywhere in the console. Series are drawn in order, so a smaller
// series given after a larger one (errors after requests) shows inside it.
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './Chart.css';

export interface ChartSeries {
  readonly label: string;
  /** A CSS colour; the table and legend name the series too, so colour is never the only cue. */
  readonly color: string;
  readonly values: readonly number[];
}

export interface ChartProps {
  /** What the chart shows, with its totals: the image's accessible name. */
  readonly summary: string;
  /** The start of each bar, in milliseconds since the epoch. */
  readonly times: readonly number[];
  /** How long one bar lasts, in milliseconds (a minute, an hour, a day). */
  readonly step: number;
  readonly series: readonly ChartSeries[];
  /** A bar's time as the table shows it. */
  readonly formatTime: (time: number) => string;
  /** The <details> summary of the table of values. */
  readonly tableLabel: string;
  readonly height?: number;
}

/** Whole numbers only on the value axis: counts have no halves. */
const COUNT_INCREMENTS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000, 10_000_000, 100_000_000];

const numberFormat = new Intl.NumberFormat();

const DEFAULT_HEIGHT = 240;
const DAY_SECONDS = 86_400;

const axisTime = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const axisDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/**
 * Time labels in the user's language and zone, as the rest of the console writes times:
 * days alone when the ticks are a day or more apart, else the time, with the day under the
 * first tick and under each tick where a new day starts.
 */
function timeLabels(_chart: uPlot, splits: number[], _axis: number, _space: number, increment: number): string[] {
  return splits.map((split, index) => {
    const time = new Date(split * 1000);
    if (increment >= DAY_SECONDS) return axisDay.format(time);
    const previous = index > 0 ? new Date(splits[index - 1] * 1000) : undefined;
    return previous && previous.toDateString() === time.toDateString() ? axisTime.format(time) : `${axisTime.format(time)}\n${axisDay.format(time)}`;
  });
}

function options(series: readonly ChartSeries[], step: number, width: number, height: number): uPlot.Options {
  const bars = uPlot.paths.bars!({ size: [0.8, 48, 1], align: 1 });
  const axis = { stroke: '#57606a', grid: { stroke: '#eaeef2' }, ticks: { stroke: '#d0d7de' } };
  return {
    width,
    height,
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
    scales: {
      // Each bar starts at its time and is one step wide: the last one ends a step after the last time.
      x: { time: true, range: (_chart, min, max) => [min, max + step] },
      y: { range: (_chart, _min, max) => [0, Math.max(1, Math.ceil(max * 1.1))] },
    },
    axes: [
      { ...axis, values: timeLabels },
      { ...axis, incrs: COUNT_INCREMENTS, values: (_chart, splits) => splits.map((value) => numberFormat.format(value)) },
    ],
    series: [{}, ...series.map((entry) => ({ label: entry.label, stroke: entry.color, fill: entry.color, width: 0, paths: bars, points: { show: false } }))],
  };
}

export function Chart(props: ChartProps) {
  const { times, step, series, height = DEFAULT_HEIGHT } = props;
  const canvas = useRef<HTMLDivElement>(null);

  // Drawn again only when the data changes (the caller keeps `times` and `series` stable).
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const data: uPlot.AlignedData = [times.map((time) => time / 1000), ...series.map((entry) => [...entry.values])];
    const chart = new uPlot(options(series, step / 1000, element.clientWidth, height), data, element);
    // The chart follows its box: the page's width, a phone's too.
    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth, height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [times, step, series, height]);

  return (
    <figure className="chart">
      <div className="chart-canvas" role="img" aria-label={props.summary} ref={canvas} />
      <figcaption className="chart-legend">
        {props.series.map((series) => (
          <span key={series.label} className="chart-legend-entry">
            <span className="chart-swatch" style={{ backgroundColor: series.color }} aria-hidden="true" />
            {series.label}
          </span>
        ))}
      </figcaption>
      <details className="chart-values">
        <summary>{props.tableLabel}</summary>
        <div className="table-wrap" tabIndex={0} role="region" aria-label={props.tableLabel}>
          <table>
            <thead>
              <tr>
                <th scope="col">Time</th>
                {props.series.map((series) => (
                  <th scope="col" key={series.label}>
                    {series.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.times.map((time, index) => (
                <tr key={time}>
                  <th scope="row">{props.formatTime(time)}</th>
                  {props.series.map((series) => (
                    <td key={series.label}>{numberFormat.format(series.values[index] ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
