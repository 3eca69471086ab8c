/**
 * A contact sheet of tray icons, to look at: each icon composited on the
 * panel colours it will sit on, at its real size and enlarged with hard
 * pixels. Written by test/main/tray-icon.test.ts to test-output/icons/.
 */
import { encodePng } from '../../../main/icon/png.ts';
import { decodePng } from './decode-png.ts';

export interface SheetCell {
  png: Buffer;
  /** Panel colour behind it, as [r, g, b]. */
  background: [number, number, number];
}

/** Rows of cells, each drawn at 1:1 and at `zoom`x, with a margin; all icons of a sheet have one size. */
export function contactSheet(rows: SheetCell[][], zoom = 6): Buffer {
  const size = decodePng(rows[0]![0]!.png).width;
  const cellWidth = size + 4 + size * zoom + 8;
  const cellHeight = size * zoom + 8;
  const columns = Math.max(...rows.map((row) => row.length));
  const width = columns * cellWidth;
  const height = rows.length * cellHeight;
  const out = new Uint8Array(width * height * 4).fill(255);
  const put = (x: number, y: number, rgb: [number, number, number]) => {
    const i = (y * width + x) * 4;
    out[i] = rgb[0]; out[i + 1] = rgb[1]; out[i + 2] = rgb[2]; out[i + 3] = 255;
  };
  rows.forEach((row, r) => row.forEach((cell, c) => {
    const icon = decodePng(cell.png);
    const x0 = c * cellWidth;
    const y0 = r * cellHeight;
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
  }));
  return encodePng(width, height, out);
}
