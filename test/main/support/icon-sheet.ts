/**
 * A contact sheet of tray icons, to look at: each icon composited on the
 * panel colours it will sit on, at its real size and enlarged with hard
 * pixels, under a title and beside a legend that names each row and column,
 * so a reviewer knows which state, panel, count and style a cell shows.
 * Written by test/main/tray-icon.test.ts to test-output/icons/.
 */
import { encodePng } from '../../../main/icon/png.ts';
import { decodePng } from './decode-png.ts';
import { eachInkedCell, SHEET_GLYPH_HEIGHT, sheetTextWidth } from './sheet-font.ts';

export interface SheetCell {
  png: Buffer;
  /** Panel colour behind it, as [r, g, b]. */
  background: [number, number, number];
}

export interface SheetRow {
  /** What the row's icons share, as "retrying on dark". */
  label: string;
  cells: SheetCell[];
}

export interface Sheet {
  /** Lines over the sheet: the style and size, and how to read it. */
  title: string[];
  /** One label per column, as the count its icons carry. */
  columns: string[];
  rows: SheetRow[];
}

/** Legend text is the font's cells at this many pixels a side: readable at 1:1. */
export const LEGEND_SCALE = 2;
export const LEGEND_INK: [number, number, number] = [0x20, 0x21, 0x24];
const MARGIN = 8;
/** From one line of legend text to the next. */
export const LEGEND_LINE = SHEET_GLYPH_HEIGHT * LEGEND_SCALE + 6;
const LINE = LEGEND_LINE;

/** Where the parts of a sheet are, in pixels. */
export interface SheetLayout {
  cellWidth: number;
  cellHeight: number;
  /** The column of row labels, left of the first cell. */
  labelWidth: number;
  /** Lines of title from the top. */
  titleHeight: number;
  /** The line of column labels, under the title. */
  columnsTop: number;
  /** The first row of cells. */
  cellsTop: number;
  width: number;
  height: number;
}

export function sheetLayout(sheet: Sheet, size: number, zoom: number): SheetLayout {
  const cellWidth = size + 4 + size * zoom + 8;
  const cellHeight = size * zoom + 8;
  const labelWidth = Math.max(...sheet.rows.map((row) => sheetTextWidth(row.label))) * LEGEND_SCALE + 2 * MARGIN;
  const titleHeight = MARGIN + sheet.title.length * LINE;
  const columnsTop = titleHeight + 4;
  const cellsTop = columnsTop + LINE;
  const columns = Math.max(sheet.columns.length, ...sheet.rows.map((row) => row.cells.length));
  const titleWidth = Math.max(...sheet.title.map((line) => sheetTextWidth(line))) * LEGEND_SCALE + 2 * MARGIN;
  return {
    cellWidth, cellHeight, labelWidth, titleHeight, columnsTop, cellsTop,
    width: Math.max(labelWidth + columns * cellWidth, titleWidth),
    height: cellsTop + sheet.rows.length * cellHeight,
  };
}

/** Rows of cells, each drawn at 1:1 and at `zoom`x, with a margin; all icons of a sheet have one size. */
export function contactSheet(sheet: Sheet, zoom = 6): Buffer {
  const size = decodePng(sheet.rows[0]!.cells[0]!.png).width;
  const layout = sheetLayout(sheet, size, zoom);
  const { width, height, cellWidth, cellHeight } = layout;
  const out = new Uint8Array(width * height * 4).fill(255);
  const put = (x: number, y: number, rgb: [number, number, number]) => {
    const i = (y * width + x) * 4;
    out[i] = rgb[0]; out[i + 1] = rgb[1]; out[i + 2] = rgb[2]; out[i + 3] = 255;
  };
  const write = (text: string, x0: number, y0: number) => eachInkedCell(text, (cx, cy) => {
    for (let dy = 0; dy < LEGEND_SCALE; dy++) {
      for (let dx = 0; dx < LEGEND_SCALE; dx++) put(x0 + cx * LEGEND_SCALE + dx, y0 + cy * LEGEND_SCALE + dy, LEGEND_INK);
    }
  });

  sheet.title.forEach((line, i) => write(line, MARGIN, MARGIN + i * LINE));
  // A column's label sits over its enlarged icons, the ones a reviewer reads.
  sheet.columns.forEach((label, c) => {
    const zoomedLeft = layout.labelWidth + c * cellWidth + size + 6;
    write(label, zoomedLeft + Math.floor((size * zoom - sheetTextWidth(label) * LEGEND_SCALE) / 2), layout.columnsTop);
  });
  sheet.rows.forEach((row, r) => {
    const y0 = layout.cellsTop + r * cellHeight;
    write(row.label, MARGIN, y0 + Math.floor((cellHeight - SHEET_GLYPH_HEIGHT * LEGEND_SCALE) / 2));
    row.cells.forEach((cell, c) => {
      const icon = decodePng(cell.png);
      const x0 = layout.labelWidth + c * cellWidth;
      for (let y = 0; y < cellHeight; y++) for (let x = 0; x < cellWidth; x++) put(x0 + x, y0 + y, cell.background);
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const i = (y * size + x) * 4;
          const a = icon.rgba[i + 3]! / 255;
          const rgb = [0, 1, 2].map((k) => Math.round(icon.rgba[i + k]! * a + cell.background[k]! * (1 - a))) as [number, number, number];
          put(x0 + 2 + x, y0 + 4 + y, rgb);
          for (let dy = 0; dy < zoom; dy++) for (let dx = 0; dx < zoom; dx++) put(x0 + size + 6 + x * zoom + dx, y0 + 4 + y * zoom + dy, rgb);
        }
      }
    });
  });
  return encodePng(width, height, out);
}
