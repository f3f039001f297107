/**
 * Text as the report's fonts can draw it. With a Unicode font (see `pdfFonts.ts`) everything
 * but control characters and broken surrogates; with the standard fonts (no Unicode font
 * installed) only WinAnsi (Latin-1 plus a few typographic characters): anything else would come
 * out as garbage glyphs, so it is replaced with '?'.
 */
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

export function pdfText(
  value: unknown,
  maxLength = 600,
  unicode = false,
): string {
  if (value === undefined || value === null) return '';
  let s = value instanceof Date ? value.toISOString() : String(value);
  s = s.replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    const ok = unicode
      ? ch === '\n' ||
        (code >= 0x20 &&
          !(code >= 0x7f && code <= 0x9f) &&
          !(code >= 0xd800 && code <= 0xdfff))
      : ch === '\n' ||
        (code >= 0x20 && code <= 0x7e) ||
        (code >= 0xa0 && code <= 0xff) ||
        WIN_ANSI_EXTRA.includes(ch);
    out += ok ? ch : '?';
    if (out.length >= maxLength) return `${out.slice(0, maxLength - 1)}…`;
  }
  return out;
}

/** A percentage with one decimal (`0.8734` → `87.3%`). */
export const percent = (fraction: number) =>
  `${(Math.round(fraction * 1000) / 10).toFixed(1)}%`;

/** `2026-11-22 06:07 UTC` */
export const utcMinute = (d: Date) =>
  `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
