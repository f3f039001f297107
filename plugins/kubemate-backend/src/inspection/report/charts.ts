import type { SeverityCounts } from '@kubemate/plugin-kubemate-node';
import type { ReportTrendSeries } from './reportData';
import { fontsOf } from './pdfFonts';
import { pdfText } from './pdfText';

type Doc = PDFKit.PDFDocument;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const SEVERITY_COLORS = {
  high: '#c62828',
  medium: '#ef6c00',
  low: '#f9a825',
} as const;
const SERIES_COLORS = [
  '#1565c0',
  '#2e7d32',
  '#6a1b9a',
  '#00838f',
  '#ad1457',
  '#4e342e',
];
const AXIS = '#9e9e9e';
const GRID = '#e0e0e0';
const LABEL = '#424242';

/** Round axis maximum: 1, 2, 5 × 10^n at or above `max` (at least 1). */
export function niceMax(max: number): number {
  if (max <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

/** Tick count giving integer steps: 1, 2 → one per unit; 5·10ⁿ, 10ⁿ → fifths; 2·10ⁿ → quarters. */
export function integerTicks(max: number): number {
  if (max <= 2) return max;
  return String(max).startsWith('2') ? 4 : 5;
}

function title(doc: Doc, box: Box, text: string) {
  doc
    .font(fontsOf(doc).bold)
    .fontSize(11)
    .fillColor('#212121')
    .text(text, box.x, box.y, { width: box.width, lineBreak: false });
}

/** Vertical bars of current risks per severity, with a value above each bar and a y grid. */
export function drawSeverityChart(doc: Doc, box: Box, counts: SeverityCounts) {
  title(doc, box, 'Risks by severity');
  const plot = {
    x: box.x + 34,
    y: box.y + 24,
    width: box.width - 44,
    height: box.height - 48,
  };
  const severities = ['high', 'medium', 'low'] as const;
  const max = niceMax(Math.max(...severities.map(s => counts[s])));
  const ticks = integerTicks(max);
  doc.font(fontsOf(doc).regular).fontSize(8).lineWidth(0.5);
  for (let i = 0; i <= ticks; i++) {
    const y = plot.y + plot.height - (plot.height * i) / ticks;
    doc
      .strokeColor(i === 0 ? AXIS : GRID)
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .stroke();
    const value = (max * i) / ticks;
    doc
      .fillColor(LABEL)
      .text(
        Number.isInteger(value) ? String(value) : value.toFixed(1),
        box.x,
        y - 4,
        {
          width: 28,
          align: 'right',
          lineBreak: false,
        },
      );
  }
  const slot = plot.width / severities.length;
  const barWidth = Math.min(60, slot * 0.55);
  severities.forEach((s, i) => {
    const h = (plot.height * counts[s]) / max;
    const x = plot.x + slot * i + (slot - barWidth) / 2;
    const y = plot.y + plot.height - h;
    if (h > 0) doc.rect(x, y, barWidth, h).fill(SEVERITY_COLORS[s]);
    doc
      .font(fontsOf(doc).bold)
      .fontSize(9)
      .fillColor('#212121')
      .text(String(counts[s]), x - 10, y - 12, {
        width: barWidth + 20,
        align: 'center',
        lineBreak: false,
      });
    doc
      .font(fontsOf(doc).regular)
      .fontSize(9)
      .fillColor(LABEL)
      .text(s, x - 10, plot.y + plot.height + 5, {
        width: barWidth + 20,
        align: 'center',
        lineBreak: false,
      });
  });
}

const shortDate = (d: Date) => d.toISOString().slice(5, 16).replace('T', ' ');

/** Health score (0–100) per run, one line per cluster, oldest run on the left. */
export function drawTrendChart(
  doc: Doc,
  box: Box,
  series: ReportTrendSeries[],
) {
  title(doc, box, 'Health score trend');
  const legendHeight = series.length > 1 ? 14 : 0;
  const plot = {
    x: box.x + 34,
    y: box.y + 24,
    width: box.width - 50,
    height: box.height - 48 - legendHeight,
  };
  doc.font(fontsOf(doc).regular).fontSize(8).lineWidth(0.5);
  for (const v of [0, 25, 50, 75, 100]) {
    const y = plot.y + plot.height - (plot.height * v) / 100;
    doc
      .strokeColor(v === 0 ? AXIS : GRID)
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .stroke();
    doc.fillColor(LABEL).text(String(v), box.x, y - 4, {
      width: 28,
      align: 'right',
      lineBreak: false,
    });
  }
  const runs = Math.max(0, ...series.map(s => s.points.length));
  if (runs === 0) {
    doc
      .fillColor(LABEL)
      .fontSize(9)
      .text('No completed runs yet', plot.x, plot.y + plot.height / 2 - 5, {
        width: plot.width,
        align: 'center',
        lineBreak: false,
      });
    return;
  }
  // Series are right-aligned so every cluster's latest run is at the right edge.
  const xAt = (i: number, n: number) =>
    runs === 1
      ? plot.x + plot.width / 2
      : plot.x + (plot.width * (runs - n + i)) / (runs - 1);
  const yAt = (score: number) =>
    plot.y +
    plot.height -
    (plot.height * Math.max(0, Math.min(100, score))) / 100;

  series.forEach((s, si) => {
    const color = SERIES_COLORS[si % SERIES_COLORS.length];
    const n = s.points.length;
    doc.lineWidth(1.5).strokeColor(color);
    s.points.forEach((p, i) => {
      const x = xAt(i, n);
      const y = yAt(p.score);
      if (i === 0) doc.moveTo(x, y);
      else doc.lineTo(x, y);
    });
    if (n > 1) doc.stroke();
    s.points.forEach((p, i) =>
      doc.circle(xAt(i, n), yAt(p.score), 2).fill(color),
    );
  });

  // x labels: oldest and newest run of the longest series.
  const longest = series.reduce((a, b) =>
    b.points.length > a.points.length ? b : a,
  );
  doc.font(fontsOf(doc).regular).fontSize(8).fillColor(LABEL);
  const first = longest.points[0];
  const last = longest.points[longest.points.length - 1];
  doc.text(shortDate(first.startedAt), plot.x, plot.y + plot.height + 5, {
    width: 80,
    lineBreak: false,
  });
  if (longest.points.length > 1) {
    doc.text(
      shortDate(last.startedAt),
      plot.x + plot.width - 80,
      plot.y + plot.height + 5,
      { width: 80, align: 'right', lineBreak: false },
    );
  }
  doc.text(
    `${runs} run${runs === 1 ? '' : 's'}`,
    plot.x + plot.width / 2 - 40,
    plot.y + plot.height + 5,
    { width: 80, align: 'center', lineBreak: false },
  );

  if (legendHeight) {
    let x = plot.x;
    const y = plot.y + plot.height + 20;
    series.forEach((s, si) => {
      const color = SERIES_COLORS[si % SERIES_COLORS.length];
      doc.rect(x, y + 2, 10, 4).fill(color);
      const label = pdfText(s.cluster, 40, fontsOf(doc).unicode);
      doc.fillColor(LABEL).text(label, x + 14, y, { lineBreak: false });
      x += 24 + doc.widthOfString(label);
    });
  }
}
