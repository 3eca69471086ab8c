/**
 * A 5 x 7 capital-letter bitmap font for the legends of the icon contact
 * sheets: they are PNGs written without a text renderer, and a reviewer must
 * read which state, panel and count each cell shows. The tray icon's own
 * 3 x 5 digits (main/icon/pixel-font.ts) have no letters.
 */
export const SHEET_GLYPH_WIDTH = 5;
export const SHEET_GLYPH_HEIGHT = 7;
/** Empty columns between two letters. */
export const SHEET_GLYPH_GAP = 1;

const rows = (text: string) => text.split(' ');

export const sheetGlyphs: Record<string, string[]> = {
  A: rows('.###. #...# #...# ##### #...# #...# #...#'),
  B: rows('####. #...# #...# ####. #...# #...# ####.'),
  C: rows('.###. #...# #.... #.... #.... #...# .###.'),
  D: rows('####. #...# #...# #...# #...# #...# ####.'),
  E: rows('##### #.... #.... ####. #.... #.... #####'),
  F: rows('##### #.... #.... ####. #.... #.... #....'),
  G: rows('.###. #...# #.... #.### #...# #...# .####'),
  H: rows('#...# #...# #...# ##### #...# #...# #...#'),
  I: rows('.###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.'),
  J: rows('..### ...#. ...#. ...#. ...#. #..#. .##..'),
  K: rows('#...# #..#. #.#.. ##... #.#.. #..#. #...#'),
  L: rows('#.... #.... #.... #.... #.... #.... #####'),
  M: rows('#...# ##.## #.#.# #.#.# #...# #...# #...#'),
  N: rows('#...# #...# ##..# #.#.# #..## #...# #...#'),
  O: rows('.###. #...# #...# #...# #...# #...# .###.'),
  P: rows('####. #...# #...# ####. #.... #.... #....'),
  Q: rows('.###. #...# #...# #...# #.#.# #..#. .##.#'),
  R: rows('####. #...# #...# ####. #.#.. #..#. #...#'),
  S: rows('.#### #.... #.... .###. ....# ....# ####.'),
  T: rows('##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..'),
  U: rows('#...# #...# #...# #...# #...# #...# .###.'),
  V: rows('#...# #...# #...# #...# #...# .#.#. ..#..'),
  W: rows('#...# #...# #...# #.#.# #.#.# #.#.# .#.#.'),
  X: rows('#...# #...# .#.#. ..#.. .#.#. #...# #...#'),
  Y: rows('#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..'),
  Z: rows('##### ....# ...#. ..#.. .#... #.... #####'),
  0: rows('.###. #...# #..## #.#.# ##..# #...# .###.'),
  1: rows('..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.'),
  2: rows('.###. #...# ....# ...#. ..#.. .#... #####'),
  3: rows('####. ....# ....# .###. ....# ....# ####.'),
  4: rows('...#. ..##. .#.#. #..#. ##### ...#. ...#.'),
  5: rows('##### #.... ####. ....# ....# #...# .###.'),
  6: rows('.###. #.... #.... ####. #...# #...# .###.'),
  7: rows('##### ....# ...#. ..#.. .#... .#... .#...'),
  8: rows('.###. #...# #...# .###. #...# #...# .###.'),
  9: rows('.###. #...# #...# .#### ....# ....# .###.'),
  ' ': rows('..... ..... ..... ..... ..... ..... .....'),
  '-': rows('..... ..... ..... .###. ..... ..... .....'),
  '+': rows('..... ..#.. ..#.. ##### ..#.. ..#.. .....'),
  ',': rows('..... ..... ..... ..... ..... ..#.. .#...'),
  '.': rows('..... ..... ..... ..... ..... ..... ..#..'),
  ':': rows('..... ..#.. ..... ..... ..... ..#.. .....'),
  '(': rows('...#. ..#.. .#... .#... .#... ..#.. ...#.'),
  ')': rows('.#... ..#.. ...#. ...#. ...#. ..#.. .#...'),
  '/': rows('....# ...#. ...#. ..#.. .#... .#... #....'),
};

/** Width in font cells of `text` drawn in one line. */
export function sheetTextWidth(text: string): number {
  return text.length * (SHEET_GLYPH_WIDTH + SHEET_GLYPH_GAP) - (text.length > 0 ? SHEET_GLYPH_GAP : 0);
}

/** Calls `mark(x, y)` for every inked font cell of `text` (upper-cased), its top-left cell at (0, 0). */
export function eachInkedCell(text: string, mark: (x: number, y: number) => void): void {
  [...text.toUpperCase()].forEach((char, index) => {
    const glyph = sheetGlyphs[char];
    if (!glyph) throw new Error(`the sheet font has no ${JSON.stringify(char)}`);
    glyph.forEach((row, y) => [...row].forEach((cell, x) => {
      if (cell === '#') mark(index * (SHEET_GLYPH_WIDTH + SHEET_GLYPH_GAP) + x, y);
    }));
  });
}
