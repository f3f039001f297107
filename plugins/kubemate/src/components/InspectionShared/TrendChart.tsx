import { Box, Typography, makeStyles, useTheme } from '@material-ui/core';
import { SEVERITIES, type TrendPoint } from '../../api';
import { formatDateTime, formatPercent } from './format';
import { SEVERITY_LABELS, useSeverityColors } from './severity';

export interface TrendSeries {
  /** Cluster name (one series per cluster). */
  name: string;
  points: TrendPoint[];
}

const W = 640;
const PAD_L = 36;
const PAD_R = 12;
const SCORE_TOP = 12;
const SCORE_H = 120;
const BARS_TOP = SCORE_TOP + SCORE_H + 28;
const BARS_H = 70;
const H = BARS_TOP + BARS_H + 24;

const useStyles = makeStyles(theme => ({
  svg: { width: '100%', height: 'auto', display: 'block' },
  axis: { fill: theme.palette.text.secondary, fontSize: 10 },
  grid: { stroke: theme.palette.divider, strokeWidth: 1 },
  legend: {
    display: 'flex',
    gap: theme.spacing(2),
    flexWrap: 'wrap',
    marginTop: theme.spacing(0.5),
  },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 3,
    marginRight: 4,
    verticalAlign: 'middle',
  },
}));

type Placed = TrendPoint & { cluster: string; x: number };

/**
 * Health score per run (one line per cluster, 0–100) above the failed checks of each run
 * stacked by severity. Runs are spaced evenly in time order so bursts of runs stay readable.
 */
export function TrendChart(props: { series: TrendSeries[] }) {
  const classes = useStyles();
  const theme = useTheme();
  const severityColors = useSeverityColors();
  const lineColors = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.success?.main ?? '#2e7d32',
    '#8e24aa',
    '#6d4c41',
  ];

  const all = props.series
    .flatMap(s => s.points.map(p => ({ ...p, cluster: s.name })))
    .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  if (all.length === 0) {
    return (
      <Typography color="textSecondary">
        No completed runs to chart yet.
      </Typography>
    );
  }
  const step = (W - PAD_L - PAD_R) / Math.max(all.length, 1);
  const placed: Placed[] = all.map((p, i) => ({
    ...p,
    x: PAD_L + step * (i + 0.5),
  }));
  const yScore = (score: number) => SCORE_TOP + SCORE_H * (1 - score / 100);
  const maxFailed = Math.max(1, ...placed.map(p => p.failed));
  const yBars = (n: number) => (BARS_H * n) / maxFailed;
  const barW = Math.max(2, Math.min(24, step * 0.6));
  const labelEvery = Math.ceil(placed.length / 6);
  // Runs within two days are told apart by time, longer spans by date.
  const span =
    Date.parse(placed[placed.length - 1].startedAt) -
    Date.parse(placed[0].startedAt);
  const tick = (iso: string) =>
    span < 2 * 86400_000
      ? new Date(iso).toLocaleTimeString([], {
          hour: '2-digit',
          minute: '2-digit',
        })
      : new Date(iso).toLocaleDateString();
  const last = placed[placed.length - 1];
  const first = placed[0];
  const summary = `Health score ${Math.round(first.score)} → ${Math.round(
    last.score,
  )} over ${placed.length} run${placed.length === 1 ? '' : 's'}; latest run ${
    last.failed
  } failed checks`;

  return (
    <Box>
      <svg
        className={classes.svg}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={summary}
      >
        <title>{summary}</title>
        {[0, 25, 50, 75, 100].map(v => (
          <g key={v}>
            <line
              className={classes.grid}
              x1={PAD_L}
              x2={W - PAD_R}
              y1={yScore(v)}
              y2={yScore(v)}
            />
            <text
              className={classes.axis}
              x={PAD_L - 6}
              y={yScore(v) + 3}
              textAnchor="end"
            >
              {v}
            </text>
          </g>
        ))}
        <text className={classes.axis} x={PAD_L} y={SCORE_TOP - 2}>
          Health score
        </text>
        {props.series.map((s, i) => {
          const pts = placed.filter(p => p.cluster === s.name);
          const color = lineColors[i % lineColors.length];
          return (
            <g key={s.name}>
              <polyline
                fill="none"
                stroke={color}
                strokeWidth={2}
                points={pts.map(p => `${p.x},${yScore(p.score)}`).join(' ')}
              />
              {pts.map(p => (
                <circle
                  key={p.runId}
                  cx={p.x}
                  cy={yScore(p.score)}
                  r={3.5}
                  fill={color}
                >
                  <title>
                    {`${s.name} · ${formatDateTime(
                      p.startedAt,
                    )}: score ${Math.round(p.score)}, pass rate ${formatPercent(
                      p.passRate,
                    )}, ${p.newFindings} new, ${p.fixedFindings} fixed`}
                  </title>
                </circle>
              ))}
            </g>
          );
        })}

        <text className={classes.axis} x={PAD_L} y={BARS_TOP - 6}>
          Failed checks (max {maxFailed})
        </text>
        <line
          className={classes.grid}
          x1={PAD_L}
          x2={W - PAD_R}
          y1={BARS_TOP + BARS_H}
          y2={BARS_TOP + BARS_H}
        />
        {placed.map(p => {
          let top = BARS_TOP + BARS_H;
          return (
            <g key={p.runId}>
              <title>
                {`${p.cluster} · ${formatDateTime(
                  p.startedAt,
                )}: ${SEVERITIES.map(
                  s => `${SEVERITY_LABELS[s]} ${p.failedBySeverity[s] ?? 0}`,
                ).join(', ')}`}
              </title>
              {SEVERITIES.map(s => {
                const h = yBars(p.failedBySeverity[s] ?? 0);
                top -= h;
                return h > 0 ? (
                  <rect
                    key={s}
                    x={p.x - barW / 2}
                    y={top}
                    width={barW}
                    height={h}
                    fill={severityColors[s]}
                  />
                ) : null;
              })}
            </g>
          );
        })}
        {placed.map((p, i) =>
          i % labelEvery === 0 || p === last ? (
            <text
              key={p.runId}
              className={classes.axis}
              x={p.x}
              y={H - 8}
              textAnchor="middle"
            >
              {tick(p.startedAt)}
            </text>
          ) : null,
        )}
      </svg>
      <div className={classes.legend}>
        {props.series.length > 1 &&
          props.series.map((s, i) => (
            <Typography key={s.name} variant="caption">
              <span
                className={classes.swatch}
                style={{ backgroundColor: lineColors[i % lineColors.length] }}
              />
              {s.name}
            </Typography>
          ))}
        {SEVERITIES.map(s => (
          <Typography key={s} variant="caption">
            <span
              className={classes.swatch}
              style={{ backgroundColor: severityColors[s], height: 10 }}
            />
            {SEVERITY_LABELS[s]}
          </Typography>
        ))}
      </div>
    </Box>
  );
}
