import type { Finding } from '../InspectionStore';
import { SEVERITY_COLORS } from './charts';
import { fontsOf } from './pdfFonts';
import { pdfText } from './pdfText';

type Doc = PDFKit.PDFDocument;

interface Column {
  header: string;
  /** Share of the table width. */
  weight: number;
  cell(f: Finding): string;
}

export const resourceLabel = (f: Finding) => {
  const r = f.resource;
  const where = r.namespace ? `${r.namespace}/` : '';
  let part = '';
  if (r.container) part = ` [${r.container}]`;
  else if (r.host && r.host !== r.name) part = ` @${r.host}`;
  return `${r.kind} ${where}${r.name}${part}`;
};

const COLUMNS: Column[] = [
  { header: 'Severity', weight: 7, cell: f => f.severity },
  { header: 'Rule', weight: 19, cell: f => `${f.ruleId}\n${f.title}` },
  { header: 'Resource', weight: 19, cell: resourceLabel },
  {
    header: 'State',
    weight: 7,
    cell: f =>
      f.state === 'ignored' && f.ignored
        ? `ignored (${f.ignored.reason})`
        : f.state,
  },
  { header: 'Observed', weight: 12, cell: f => f.observed ?? '' },
  { header: 'Expected', weight: 12, cell: f => f.expected ?? '' },
  { header: 'Remediation', weight: 24, cell: f => f.remediation ?? '' },
];

const FONT_SIZE = 7.5;
const PAD = 3;
/** Longest text drawn per cell; the CSV export has the full text. */
const CELL_CHARS = 320;

/**
 * Draws the risk table from the current y position, starting new pages as needed and repeating
 * the header row on each. `newPage` adds a page and returns the y where content starts.
 */
export function drawRiskTable(
  doc: Doc,
  findings: Finding[],
  layout: { x: number; width: number; bottom: number; newPage(): number },
) {
  const total = COLUMNS.reduce((s, c) => s + c.weight, 0);
  const widths = COLUMNS.map(c => (layout.width * c.weight) / total);
  const xs = widths.map((_, i) =>
    widths.slice(0, i).reduce((s, w) => s + w, layout.x),
  );
  let y = doc.y;

  const header = () => {
    doc.font(fontsOf(doc).bold).fontSize(FONT_SIZE);
    const h = FONT_SIZE + 2 * PAD + 2;
    doc.rect(layout.x, y, layout.width, h).fill('#37474f');
    COLUMNS.forEach((c, i) => {
      doc.fillColor('#ffffff').text(c.header, xs[i] + PAD, y + PAD + 1, {
        width: widths[i] - 2 * PAD,
        lineBreak: false,
      });
    });
    y += h;
  };

  header();
  findings.forEach((f, row) => {
    const cells = COLUMNS.map(c =>
      pdfText(c.cell(f), CELL_CHARS, fontsOf(doc).unicode),
    );
    doc.font(fontsOf(doc).regular).fontSize(FONT_SIZE);
    const height =
      Math.max(
        ...cells.map((text, i) =>
          doc.heightOfString(text || ' ', { width: widths[i] - 2 * PAD }),
        ),
      ) +
      2 * PAD;
    if (y + height > layout.bottom) {
      y = layout.newPage();
      header();
    }
    if (row % 2 === 1) {
      doc.rect(layout.x, y, layout.width, height).fill('#f5f5f5');
    }
    cells.forEach((text, i) => {
      if (i === 0) {
        doc
          .rect(xs[i] + PAD, y + PAD + 1, 5, 5)
          .fill(SEVERITY_COLORS[f.severity]);
        doc
          .font(fontsOf(doc).bold)
          .fillColor('#212121')
          .text(text, xs[i] + PAD + 8, y + PAD, {
            width: widths[i] - 2 * PAD - 8,
          });
        doc.font(fontsOf(doc).regular);
      } else {
        doc.fillColor('#212121').text(text, xs[i] + PAD, y + PAD, {
          width: widths[i] - 2 * PAD,
        });
      }
    });
    y += height;
    doc
      .lineWidth(0.3)
      .strokeColor('#e0e0e0')
      .moveTo(layout.x, y)
      .lineTo(layout.x + layout.width, y)
      .stroke();
  });
  doc.y = y;
}
