import { rect, union, type Shape } from './raster.ts';

/**
 * Glyphs on a 3x5 grid. Every stroke is a whole grid cell, so at 16 px (one
 * cell a pixel), 32 px and 64 px each edge falls on a pixel edge: the digits
 * stay sharp at every scale where an outline font would blur.
 */
const glyphs: Record<string, string[]> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '.##', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '..#', '.#.', '.#.'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '+': ['...', '.#.', '###', '.#.', '...'],
  '!': ['.#.', '.#.', '.#.', '...', '.#.'],
};

export const GLYPH_WIDTH = 3;
export const GLYPH_HEIGHT = 5;
export const GLYPH_GAP = 1;

export function textWidth(text: string): number {
  return text.length * GLYPH_WIDTH + Math.max(0, text.length - 1) * GLYPH_GAP;
}

/** The text as one shape, its top-left corner at (x, y), one grid cell being `cell` units. */
export function textShape(text: string, x: number, y: number, cell = 1): Shape {
  const cells: Shape[] = [];
  [...text].forEach((char, index) => {
    const rows = glyphs[char];
    if (!rows) throw new Error(`no glyph for ${JSON.stringify(char)}`);
    const left = x + index * (GLYPH_WIDTH + GLYPH_GAP) * cell;
    rows.forEach((row, r) => {
      [...row].forEach((mark, c) => {
        if (mark === '#') cells.push(rect(left + c * cell, y + r * cell, left + (c + 1) * cell, y + (r + 1) * cell));
      });
    });
  });
  return union(...cells);
}
