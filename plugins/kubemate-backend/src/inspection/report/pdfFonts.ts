import fs from 'node:fs';

type Doc = PDFKit.PDFDocument;

/** The fonts a report is drawn with, and whether they cover more than Latin-1. */
export interface PdfFonts {
  regular: string;
  bold: string;
  /** True with a Unicode font (CJK and more); false with the standard Helvetica (WinAnsi). */
  unicode: boolean;
}

/** A font file and, for a collection (.ttc), the face in it. */
export interface PdfFontFile {
  path: string;
  face?: string;
}

/**
 * Noto Sans CJK from Debian's `fonts-noto-cjk` (the project's scripts install it): it covers
 * Chinese, Japanese, Korean, Latin, Greek and Cyrillic, so any name or message prints.
 */
export const NOTO_CJK: { regular: PdfFontFile; bold: PdfFontFile } = {
  regular: {
    path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    face: 'NotoSansCJKsc-Regular',
  },
  bold: {
    path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
    face: 'NotoSansCJKsc-Bold',
  },
};

const STANDARD: PdfFonts = {
  regular: 'Helvetica',
  bold: 'Helvetica-Bold',
  unicode: false,
};

// Read once per process: the collections are large, and every report uses the same ones.
const fileCache = new Map<string, Buffer | null>();
function readOnce(path: string): Buffer | null {
  if (!fileCache.has(path)) {
    try {
      fileCache.set(path, fs.readFileSync(path));
    } catch {
      fileCache.set(path, null);
    }
  }
  return fileCache.get(path)!;
}

const registered = new WeakMap<Doc, PdfFonts>();

/**
 * Registers the Unicode fonts with the document when their files exist (the standard fonts
 * otherwise, which print non-Latin text as '?') and remembers the choice for `fontsOf`.
 */
export function registerPdfFonts(
  doc: Doc,
  files: { regular: PdfFontFile; bold: PdfFontFile } = NOTO_CJK,
): PdfFonts {
  const regular = readOnce(files.regular.path);
  const bold = readOnce(files.bold.path);
  let fonts = STANDARD;
  if (regular && bold) {
    try {
      doc.registerFont('report', regular, files.regular.face as string);
      doc.registerFont('report-bold', bold, files.bold.face as string);
      // Fail here, not in the middle of the report, if a face is not in the collection.
      doc.font('report').font('report-bold');
      fonts = { regular: 'report', bold: 'report-bold', unicode: true };
    } catch {
      fonts = STANDARD;
    }
  }
  registered.set(doc, fonts);
  return fonts;
}

/** The fonts `registerPdfFonts` chose for the document (the standard ones if none). */
export function fontsOf(doc: Doc): PdfFonts {
  return registered.get(doc) ?? STANDARD;
}
