import { execFile } from 'node:child_process';

/*
 * pdf.js (inside pdf-parse) loads its worker with a dynamic import, which Jest's module sandbox
 * refuses, so the text is extracted by a plain Node child process.
 */
const SCRIPT = `
const { PDFParse } = require('pdf-parse');
const chunks = [];
process.stdin.on('data', c => chunks.push(c));
process.stdin.on('end', async () => {
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    const result = await parser.getText();
    process.stdout.write(JSON.stringify({ total: result.total, pages: result.pages.map(p => p.text) }));
  } finally {
    await parser.destroy();
  }
});
`;

/** Test-only: the text of each page of a PDF, as pdf.js extracts it. */
export function extractPdfText(
  pdf: Buffer,
): Promise<{ total: number; pages: string[]; text: string }> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['-e', SCRIPT],
      { cwd: __dirname, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`PDF text extraction failed: ${stderr || error}`));
          return;
        }
        const parsed = JSON.parse(stdout) as { total: number; pages: string[] };
        resolve({ ...parsed, text: parsed.pages.join('\n') });
      },
    );
    child.stdin!.end(pdf);
  });
}
