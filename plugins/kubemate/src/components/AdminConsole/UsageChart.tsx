import { Box, Typography } from '@material-ui/core';

const W = 480;
const H = 100;
const PAD = 4;

/**
 * A small line chart of [epoch seconds, value] samples, with the latest and the highest value
 * in words (so it reads without the picture too).
 */
export function UsageChart(props: {
  title: string;
  samples: Array<[number, number]>;
  format(v: number): string;
}) {
  const { title, samples, format } = props;
  if (samples.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {title}: no samples in the last hour
      </Typography>
    );
  }
  const t0 = samples[0][0];
  const t1 = samples[samples.length - 1][0];
  const max = Math.max(...samples.map(s => s[1]), 0);
  const x = (t: number) =>
    PAD + (t1 > t0 ? ((t - t0) / (t1 - t0)) * (W - 2 * PAD) : 0);
  const y = (v: number) => H - PAD - (max > 0 ? (v / max) * (H - 2 * PAD) : 0);
  const points = samples.map(([t, v]) => `${x(t)},${y(v)}`).join(' ');
  const latest = samples[samples.length - 1][1];
  return (
    <Box>
      <Typography variant="body2">
        {title}: now {format(latest)}, peak {format(max)} (last hour)
      </Typography>
      <svg
        role="img"
        aria-label={`${title} over the last hour`}
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        style={{ maxWidth: W, height: H }}
      >
        <rect x={0} y={0} width={W} height={H} fill="none" stroke="#ccc" />
        <polyline
          points={points}
          fill="none"
          stroke="#1976d2"
          strokeWidth={2}
        />
      </svg>
    </Box>
  );
}
