import { Box, Typography, makeStyles, useTheme } from '@material-ui/core';
import type { Point } from './metricSeries';

const W = 360;
const H = 180;
const PAD_L = 48;
const PAD_R = 8;
const TOP = 10;
const BOTTOM = 22;

const useStyles = makeStyles(theme => ({
  svg: { width: '100%', height: 'auto', display: 'block' },
  axis: { fill: theme.palette.text.secondary, fontSize: 10 },
  grid: { stroke: theme.palette.divider, strokeWidth: 1 },
  legend: { display: 'flex', gap: theme.spacing(2), flexWrap: 'wrap' },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 3,
    marginRight: 4,
    verticalAlign: 'middle',
  },
}));

export interface ChartSeries {
  name: string;
  color: string;
  /** Polled now and then: drawn as a line. */
  live: Point[];
  /** What each step was decided on: drawn as dots. */
  steps: Point[];
}

/**
 * One golden metric of both versions over time (lines: the live figures, dots: the figures of
 * each step), with the plan's threshold as a dashed line. A small SVG, as the other charts
 * of the plugin, so no charting library is needed.
 */
export function MetricChart(props: {
  title: string;
  series: ChartSeries[];
  format(v: number): string;
  threshold?: { value: number; label: string };
  /** Fixed lower/upper bounds of the axis (e.g. 0..1 for a rate). */
  min?: number;
  max?: number;
  /** Fit the axis to the figures instead of starting at 0 (rates near 100%). */
  zoom?: boolean;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const all = props.series.flatMap(s => [...s.live, ...s.steps]);
  const values = [
    ...all.map(p => p.v),
    ...(props.threshold ? [props.threshold.value] : []),
  ];
  const latest = props.series
    .map(s => {
      const last = s.live[s.live.length - 1] ?? s.steps[s.steps.length - 1];
      return last ? `${s.name} ${props.format(last.v)}` : `${s.name} no data`;
    })
    .join(', ');
  const summary = `${props.title}: ${latest}${
    props.threshold ? `; ${props.threshold.label}` : ''
  }`;
  if (all.length === 0) {
    return (
      <Box>
        <Typography variant="subtitle2">{props.title}</Typography>
        <Typography variant="body2" color="textSecondary">
          No figures yet.
        </Typography>
      </Box>
    );
  }
  let lo = props.min ?? Math.min(...values);
  let hi = props.max ?? Math.max(...values);
  if (props.min === undefined && !props.zoom) lo = Math.min(lo, 0);
  if (props.zoom) lo = Math.max(0, lo - Math.max((hi - lo) * 0.2, 0.01));
  if (hi - lo < 1e-9) hi = lo + 1;
  if (props.max === undefined) hi += (hi - lo) * 0.1;
  const t0 = Math.min(...all.map(p => p.t));
  const t1 = Math.max(...all.map(p => p.t));
  const span = Math.max(t1 - t0, 1);
  const x = (t: number) =>
    all.length === 1 || t1 === t0
      ? (PAD_L + W - PAD_R) / 2
      : PAD_L + ((W - PAD_L - PAD_R) * (t - t0)) / span;
  const y = (v: number) =>
    TOP + (H - TOP - BOTTOM) * (1 - (v - lo) / (hi - lo));
  const ticks = [lo, (lo + hi) / 2, hi];
  const time = (t: number) =>
    new Date(t).toLocaleTimeString([], {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });

  return (
    <Box>
      <Typography variant="subtitle2">{props.title}</Typography>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={summary}
      >
        <title>{summary}</title>
        {ticks.map(v => (
          <g key={v}>
            <line
              className={classes.grid}
              x1={PAD_L}
              x2={W - PAD_R}
              y1={y(v)}
              y2={y(v)}
            />
            <text
              className={classes.axis}
              x={PAD_L - 4}
              y={y(v) + 3}
              textAnchor="end"
            >
              {props.format(v)}
            </text>
          </g>
        ))}
        {props.threshold && (
          <line
            data-testid="threshold"
            stroke={theme.palette.error.main}
            strokeDasharray="4 3"
            strokeWidth={1.5}
            x1={PAD_L}
            x2={W - PAD_R}
            y1={y(props.threshold.value)}
            y2={y(props.threshold.value)}
          >
            <title>{props.threshold.label}</title>
          </line>
        )}
        {props.series.map(s => (
          <g key={s.name}>
            {s.live.length > 1 && (
              <polyline
                fill="none"
                stroke={s.color}
                strokeWidth={2}
                points={s.live.map(p => `${x(p.t)},${y(p.v)}`).join(' ')}
              />
            )}
            {s.live.length === 1 && (
              <circle
                cx={x(s.live[0].t)}
                cy={y(s.live[0].v)}
                r={2.5}
                fill={s.color}
              />
            )}
            {s.steps.map(p => (
              <circle
                key={p.t}
                cx={x(p.t)}
                cy={y(p.v)}
                r={4}
                fill={theme.palette.background.paper}
                stroke={s.color}
                strokeWidth={2}
              >
                <title>{`${s.name} at ${time(p.t)} (step): ${props.format(
                  p.v,
                )}`}</title>
              </circle>
            ))}
          </g>
        ))}
        <text className={classes.axis} x={PAD_L} y={H - 6}>
          {time(t0)}
        </text>
        <text className={classes.axis} x={W - PAD_R} y={H - 6} textAnchor="end">
          {time(t1)}
        </text>
      </svg>
      <div className={classes.legend}>
        {props.series.map(s => (
          <Typography key={s.name} variant="caption">
            <span
              className={classes.swatch}
              style={{ backgroundColor: s.color }}
            />
            {s.name}
          </Typography>
        ))}
        {props.threshold && (
          <Typography variant="caption" color="error">
            - - {props.threshold.label}
          </Typography>
        )}
      </div>
    </Box>
  );
}
