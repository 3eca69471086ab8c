/**
 * Reads a contact sheet's legend back from its pixels, glyph by glyph, as a
 * reviewer would: the test of the legend looks at the PNG, not at the labels
 * that were asked for.
 */
import type { DecodedPng } from './decode-png.ts';
import { LEGEND_INK, LEGEND_SCALE } from './icon-sheet.ts';
import { SHEET_GLYPH_GAP, SHEET_GLYPH_HEIGHT, SHEET_GLYPH_WIDTH, sheetGlyphs } from './sheet-font.ts';

type Region = [x0: number, y0: number, x1: number, y1: number];

/** The one line of legend text inside `region`, or undefined when there is none or it does not read as the font. */
export function readLegend(image: DecodedPng, [x0, y0, x1, y1]: Region): string | undefined {
  const isInk = (x: number, y: number) => {
    if (x < x0 || x >= x1 || y < y0 || y >= y1) return false;
    const i = (y * image.width + x) * 4;
    return image.rgba[i] === LEGEND_INK[0] && image.rgba[i + 1] === LEGEND_INK[1] && image.rgba[i + 2] === LEGEND_INK[2];
  };
  let top = Infinity;
  let left = Infinity;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (isInk(x, y)) { top = Math.min(top, y); left = Math.min(left, x); }
  if (top === Infinity) return undefined;
  const pitch = (SHEET_GLYPH_WIDTH + SHEET_GLYPH_GAP) * LEGEND_SCALE;
  const glyphAt = (gx: number): string | undefined => {
    const rows = Array.from({ length: SHEET_GLYPH_HEIGHT }, (_, cy) =>
      Array.from({ length: SHEET_GLYPH_WIDTH }, (_, cx) => (isInk(gx + cx * LEGEND_SCALE, top + cy * LEGEND_SCALE) ? '#' : '.')).join(''));
    return Object.entries(sheetGlyphs).find(([, glyph]) => glyph.join() === rows.join())?.[0];
  };
  // The first letter's leftmost ink need not be its glyph's first column ("1"): try each.
  for (let shift = 0; shift < SHEET_GLYPH_WIDTH; shift++) {
    let text = '';
    let isWhole = true;
    for (let gx = left - shift * LEGEND_SCALE; gx < x1; gx += pitch) {
      const char = glyphAt(gx);
      if (char === undefined) { isWhole = false; break; }
      text += char;
    }
    if (isWhole && text.trim()) return text.trim();
  }
  return undefined;
}
