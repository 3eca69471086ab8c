import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../main/icon/png.ts';
import { decodePng } from './support/decode-png.ts';

// A 3 x 2 image with every channel different, so a swapped row, pixel or channel shows.
const pixels = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37 + 11) % 256);

describe('the PNGs the app draws', () => {
  it('read back, pixel for pixel, in an independent decoder that checks each chunk\'s CRC', () => {
    const image = decodePng(encodePng(3, 2, pixels));
    expect([image.width, image.height]).toEqual([3, 2]);
    expect([...image.rgba]).toEqual([...pixels]);
  });

  it('a PNG with a damaged chunk is refused, so a bad CRC cannot pass unseen', () => {
    const png = encodePng(3, 2, pixels);
    // The IHDR chunk's CRC is bytes 29 to 32 (8 signature + 4 length + 4 type + 13 data).
    const broken = Buffer.from(png);
    broken[30] ^= 0xff;
    expect(() => decodePng(broken)).toThrow();
    // The same bytes read without the CRC check pass: the check is what refused them.
    expect(PNG.sync.read(broken, { checkCRC: false }).width).toBe(3);
  });
});
