import { PNG } from 'pngjs';

export interface DecodedPng {
  width: number;
  height: number;
  /** Straight RGBA, 4 bytes a pixel. */
  rgba: Uint8Array;
}

/**
 * Reads a PNG the app drew with pngjs, an independent decoder that checks
 * every chunk's CRC: a PNG a real image viewer would refuse fails the test.
 */
export function decodePng(png: Buffer): DecodedPng {
  const image = PNG.sync.read(png, { checkCRC: true });
  return { width: image.width, height: image.height, rgba: new Uint8Array(image.data) };
}
