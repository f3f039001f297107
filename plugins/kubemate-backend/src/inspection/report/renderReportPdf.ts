import PDFDocument from 'pdfkit';
import { drawSeverityChart, drawTrendChart, SEVERITY_COLORS } from './charts';
import { fontsOf, registerPdfFonts } from './pdfFonts';
import { percent, pdfText, utcMinute } from './pdfText';
import type { ReportData } from './reportData';
import { drawRiskTable } from './riskTable';

type Doc = PDFKit.PDFDocument;

const MARGIN = 36;
const FOOTER = 18;

function summaryTiles(
  doc: Doc,
  data: ReportData,
  x: number,
  y: number,
  width: number,
) {
  const s = data.summary;
  const tiles: Array<[string, string, string?]> = [
    ['Health score', s.score.toFixed(1)],
    ['Pass rate', percent(s.passRate)],
    ['Total checks', String(s.total)],
    ['Passed', String(s.passed), '#2e7d32'],
    ['Failed', String(s.failed), '#c62828'],
    ['Execution failed', String(s.errors), '#6a1b9a'],
    ['High', String(s.risksBySeverity.high), SEVERITY_COLORS.high],
    ['Medium', String(s.risksBySeverity.medium), SEVERITY_COLORS.medium],
    ['Low', String(s.risksBySeverity.low), SEVERITY_COLORS.low],
  ];
  const gap = 6;
  const w = (width - gap * (tiles.length - 1)) / tiles.length;
  const h = 44;
  tiles.forEach(([label, value, color], i) => {
    const tx = x + i * (w + gap);
    doc
      .lineWidth(0.5)
      .roundedRect(tx, y, w, h, 3)
      .fillAndStroke('#fafafa', '#bdbdbd');
    doc
      .font(fontsOf(doc).bold)
      .fontSize(16)
      .fillColor(color ?? '#212121')
      .text(value, tx, y + 7, { width: w, align: 'center', lineBreak: false });
    doc
      .font(fontsOf(doc).regular)
      .fontSize(7.5)
      .fillColor('#616161')
      .text(label, tx, y + 29, { width: w, align: 'center', lineBreak: false });
  });
  return y + h;
}

/**
 * The checks that could not be evaluated in the latest runs, each with its rule, a resource and
 * the reason: a report whose figures leave them out must say so.
 */
function drawExecutionFailures(
  doc: Doc,
  data: ReportData,
  layout: {
    width: number;
    bottom: number;
    newPage(): number;
    text(v: unknown, max?: number): string;
  },
) {
  const failures = data.executionFailures;
  if (!failures.length) return;
  if (doc.y + 60 > layout.bottom) doc.y = layout.newPage();
  doc
    .moveDown(1)
    .font(fontsOf(doc).bold)
    .fontSize(12)
    .fillColor('#212121')
    .text(`Execution failed: ${data.summary.errors} check(s)`, MARGIN, doc.y, {
      width: layout.width,
    });
  doc.font(fontsOf(doc).regular).fontSize(8);
  for (const f of failures) {
    const s = f.sample;
    const where = [
      s.kind,
      `${s.namespace ? `${s.namespace}/` : ''}${s.name}`,
      ...(s.container ? [`container ${s.container}`] : []),
      ...(s.host ? [`host ${s.host}`] : []),
    ].join(' ');
    const line = layout.text(
      `${f.ruleId} (${f.severity}) - ${f.count} check(s), e.g. ${where}: ${f.error}`,
      400,
    );
    if (
      doc.y + doc.heightOfString(line, { width: layout.width }) >
      layout.bottom
    ) {
      doc.y = layout.newPage();
    }
    doc.fillColor('#6a1b9a').text(line, MARGIN, doc.y, { width: layout.width });
    doc.moveDown(0.2);
  }
}

/**
 * The inspection report as a PDF (A4 landscape): title, scope and generation time, summary
 * figures, a severity bar chart and a score trend chart (vector graphics), then the risk table
 * over as many pages as it needs, with page numbers.
 */
export function renderReportPdf(data: ReportData): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: 'Kubemate inspection report',
      Author: 'Kubemate',
      Subject: data.summaryScope,
      CreationDate: data.generatedAt,
    },
  });
  const fonts = registerPdfFonts(doc);
  const text = (v: unknown, max?: number) => pdfText(v, max, fonts.unicode);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const bottom = doc.page.height - MARGIN - FOOTER;

  doc
    .font(fontsOf(doc).bold)
    .fontSize(20)
    .fillColor('#212121')
    .text('Kubemate inspection report', MARGIN, MARGIN);
  doc
    .font(fontsOf(doc).regular)
    .fontSize(9)
    .fillColor('#616161')
    .text(`Generated ${utcMinute(data.generatedAt)}`);
  doc.moveDown(0.4).fontSize(9).fillColor('#212121');
  const scopeText = data.scope
    .map(([k, v]) => `${k}: ${text(v, 200)}`)
    .join('    ');
  doc.text(scopeText, { width });

  let y = doc.y + 10;
  doc
    .font(fontsOf(doc).bold)
    .fontSize(12)
    .text(`Summary (${text(data.summaryScope, 200)})`, MARGIN, y, { width });
  y = summaryTiles(doc, data, MARGIN, doc.y + 6, width);
  doc
    .font(fontsOf(doc).regular)
    .fontSize(7.5)
    .fillColor('#616161')
    .text(
      `Checks of the latest completed run(s): ${data.summary.runIds.length}. Risks are current risk items (new, open, reopened); ${data.summary.ignored} ignored item(s) and ${data.summary.skipped} exempt check(s) are excluded from the score. Score = 100 x weighted passed / (weighted passed + weighted failed), weights high 10, medium 5, low 1.`,
      MARGIN,
      y + 5,
      { width },
    );

  const chartTop = doc.y + 12;
  const chartHeight = Math.min(210, bottom - chartTop - 40);
  const half = (width - 20) / 2;
  drawSeverityChart(
    doc,
    { x: MARGIN, y: chartTop, width: half, height: chartHeight },
    data.summary.risksBySeverity,
  );
  drawTrendChart(
    doc,
    { x: MARGIN + half + 20, y: chartTop, width: half, height: chartHeight },
    data.trends,
  );

  const newPage = () => {
    doc.addPage();
    return MARGIN;
  };
  doc.y = chartTop + chartHeight + 14;
  if (doc.y + 60 > bottom) doc.y = newPage();
  const shown =
    data.findings.length < data.totalFindings
      ? ` - showing the first ${data.findings.length} of ${data.totalFindings} (export CSV for all)`
      : '';
  doc
    .font(fontsOf(doc).bold)
    .fontSize(12)
    .fillColor('#212121')
    .text(`Risk items: ${data.totalFindings}${shown}`, MARGIN, doc.y, {
      width,
    });
  doc.y += 4;
  if (data.findings.length === 0) {
    doc
      .font(fontsOf(doc).regular)
      .fontSize(9)
      .text('No risk items match the filters.');
  } else {
    drawRiskTable(doc, data.findings, { x: MARGIN, width, bottom, newPage });
  }

  drawExecutionFailures(doc, data, { width, bottom, newPage, text });
  if (!fonts.unicode) {
    doc
      .moveDown(1)
      .font(fonts.regular)
      .fontSize(7.5)
      .fillColor('#9e9e9e')
      .text(
        "Characters outside Latin-1 are printed as ?: no Unicode font was found (install Debian's fonts-noto-cjk).",
        MARGIN,
        doc.y,
        { width },
      );
  }

  const { start, count } = doc.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Drawing below the bottom margin would otherwise start a new page.
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, bottom: 0 };
    doc
      .font(fontsOf(doc).regular)
      .fontSize(7.5)
      .fillColor('#9e9e9e')
      .text(
        `Kubemate inspection report - ${utcMinute(data.generatedAt)}`,
        MARGIN,
        doc.page.height - MARGIN - 8,
        { width: width / 2, lineBreak: false },
      )
      .text(
        `Page ${i - start + 1} of ${count}`,
        MARGIN + width / 2,
        doc.page.height - MARGIN - 8,
        {
          width: width / 2,
          align: 'right',
          lineBreak: false,
        },
      );
    doc.page.margins = margins;
  }
  doc.end();
  return done;
}
