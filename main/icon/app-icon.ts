import { hex, Raster, rect, segment, union } from './raster.ts';

/** The application icon (installers, window, dock): a white envelope on a blue tile. */
export function drawAppIcon(size: number): Buffer {
  const image = new Raster(size, 64);
  image.fill(rect(4, 4, 60, 60, 13), hex('#1a73e8'));
  image.fill(rect(13, 19, 51, 45, 3), hex('#ffffff'));
  image.fill(union(segment(14.5, 20.5, 32, 34, 3.2), segment(32, 34, 49.5, 20.5, 3.2)), hex('#1a73e8'));
  return image.png();
}
