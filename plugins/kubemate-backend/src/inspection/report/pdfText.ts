/**
 * The PDF uses the standard 14 fonts (no font files to ship), which only encode WinAnsi
 * (Latin-1 plus a few typographic characters). Anything else would come out as garbage glyphs,
 * so it is replaced with '?' before drawing.
 */
const WIN_ANSI_EXTRA = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

export function pdfText(value: unknown, maxLength = 600): string {
  if (value === undefined || value === null) return '';
  let s = value instanceof Date ? value.toISOString() : String(value);
  s = s.replace(/\r\n?/g, '\n').replace(/\t/g, ' ');
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    const ok =
      ch === '\n' ||
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
