import { makeStyles, useTheme } from '@material-ui/core';
import type { ProbeRun } from '@kubemate/plugin-kubemate-common';
import { chronological, formatMs } from './format';

const useStyles = makeStyles({
  svg: { width: '100%', height: 'auto', display: 'block' },
});

/**
 * A probe's recent runs, oldest left: one bar per run, as tall as the run took, coloured by its
 * outcome (a failure is always drawn at full height so it cannot hide). A small SVG like the
 * plugin's other charts.
 */
export function ProbeHistoryChart(props: {
  runs: readonly ProbeRun[];
  height?: number;
  title: string;
}) {
  const classes = useStyles();
  const theme = useTheme();
  const runs = chronological(props.runs);
  const H = props.height ?? 48;
  const W = 300;
  const bar = runs.length ? Math.min(24, W / runs.length) : W;
  const longest = Math.max(1, ...runs.map(r => r.durationMs ?? 0));
  const colour = (r: ProbeRun) => {
    if (r.status === 'passed') return theme.palette.success?.main ?? '#2e7d32';
    if (r.status === 'running') return theme.palette.info?.main ?? '#0288d1';
    if (r.status === 'error') return theme.palette.warning?.main ?? '#ed6c02';
    return theme.palette.error.main;
  };
  const passed = runs.filter(r => r.status === 'passed').length;
  const finished = runs.filter(r => r.status !== 'running').length;
  return (
    <svg
      className={classes.svg}
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`${props.title}: ${passed} of ${finished} runs passed`}
    >
      {runs.map((r, i) => {
        const h =
          r.status === 'passed'
            ? Math.max(3, ((r.durationMs ?? 0) / longest) * (H - 2))
            : H - 2;
        return (
          <rect
            key={r.id}
            data-status={r.status}
            x={i * bar + 1}
            y={H - h}
            width={Math.max(1, bar - 2)}
            height={h}
            fill={colour(r)}
          >
            <title>{`${new Date(r.startedAt).toLocaleString()}: ${
              r.status
            } in ${formatMs(r.durationMs)}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}
