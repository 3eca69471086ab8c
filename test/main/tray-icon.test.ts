import { describe, expect, it } from 'vitest';
import { badgeText } from '../../main/badge-text.ts';
import { drawAppIcon } from '../../main/icon/app-icon.ts';
import { drawOverlayIcon, drawTrayIcon, TRAY_BASE_SIZE, TRAY_SCALES } from '../../main/icon/tray-icon.ts';
import type { ConnectionState } from '../../main/ipc-contract.ts';
import { decodePng, type DecodedPng } from './support/decode-png.ts';

const states: ConnectionState[] = ['live', 'connecting', 'retrying', 'offline', 'auth-failed'];

function draw(state: ConnectionState, total: number, size = 32): DecodedPng {
  return decodePng(drawTrayIcon({ state, total, style: 'colour' }, size));
}

function pixel(image: DecodedPng, x: number, y: number): [number, number, number, number] {
  const i = (y * image.width + x) * 4;
  return [image.rgba[i]!, image.rgba[i + 1]!, image.rgba[i + 2]!, image.rgba[i + 3]!];
}

/** How many opaque pixels are mostly this hue. */
function countOf(image: DecodedPng, isHue: (r: number, g: number, b: number) => boolean): number {
  let n = 0;
  for (let i = 0; i < image.rgba.length; i += 4) {
    if (image.rgba[i + 3]! > 200 && isHue(image.rgba[i]!, image.rgba[i + 1]!, image.rgba[i + 2]!)) n++;
  }
  return n;
}
const isBlue = (r: number, _g: number, b: number) => b > 180 && r < 80;
const isRed = (r: number, g: number, b: number) => r > 180 && g < 80 && b < 80;
const isAmber = (r: number, g: number, b: number) => r > 200 && g > 90 && g < 150 && b < 40;

describe('the badge text', () => {
  it.each([[0, ''], [1, '1'], [9, '9'], [42, '42'], [99, '99'], [100, '99+'], [123456, '99+'], [-1, '']] as const)(
    '%i unread reads %j', (total, text) => expect(badgeText(total)).toBe(text));
});

describe('the tray icon', () => {
  it('is drawn at 16, 32 and 64 px as square RGBA PNGs', () => {
    for (const scale of TRAY_SCALES) {
      const image = draw('live', 3, TRAY_BASE_SIZE * scale);
      expect([image.width, image.height]).toEqual([TRAY_BASE_SIZE * scale, TRAY_BASE_SIZE * scale]);
    }
  });

  it('looks different for every count from 0 to 100 that the badge can tell apart', () => {
    const images = [0, 1, 9, 42, 99, 100].map((total) => drawTrayIcon({ state: 'live', total, style: 'colour' }, 16).toString('hex'));
    expect(new Set(images).size).toBe(images.length);
  });

  it('says 99+ from 100 on: 100 and 5000 look the same', () => {
    const a = drawTrayIcon({ state: 'live', total: 100, style: 'colour' }, 32);
    const b = drawTrayIcon({ state: 'live', total: 5000, style: 'colour' }, 32);
    expect(a.equals(b)).toBe(true);
  });

  it('looks different in every connection state', () => {
    const images = states.map((state) => drawTrayIcon({ state, total: 5, style: 'colour' }, 16).toString('hex'));
    expect(new Set(images).size).toBe(states.length);
  });

  it('is blue with a red badge when live, with no blue and no red when not', () => {
    const live = draw('live', 5);
    expect(countOf(live, isBlue)).toBeGreaterThan(50);
    expect(countOf(live, isRed)).toBeGreaterThan(20);
    for (const state of ['connecting', 'retrying', 'offline'] as const) {
      const image = draw(state, 5);
      expect(countOf(image, isBlue), state).toBe(0);
      expect(countOf(image, isRed), state).toBe(0);
    }
  });

  it('carries a dot in a mailbox\'s colour at the top left while live, and none otherwise', async () => {
    const isGreen = (r: number, g: number, b: number) => g > 110 && r < 60 && b < 90;
    const dotted = decodePng(drawTrayIcon({ state: 'live', total: 5, style: 'colour', dot: '#188038' }, 32));
    expect(pixel(dotted, 8, 8)).toEqual([0x18, 0x80, 0x38, 255]);
    expect(countOf(dotted, isGreen)).toBeGreaterThan(40);
    // The count's badge is untouched by the dot.
    expect(countOf(dotted, isRed)).toBe(countOf(draw('live', 5), isRed));
    expect(countOf(draw('live', 5), isGreen)).toBe(0);
    const retrying = decodePng(drawTrayIcon({ state: 'retrying', total: 5, style: 'colour', dot: '#188038' }, 32));
    expect(countOf(retrying, isGreen)).toBe(0);
    const { writeFile, mkdir } = await import('node:fs/promises');
    await mkdir('test-output/icons', { recursive: true });
    await writeFile('test-output/icons/tray-dot-64.png', drawTrayIcon({ state: 'live', total: 5, style: 'colour', dot: '#188038' }, 64));
    await writeFile('test-output/icons/tray-dot-16.png', drawTrayIcon({ state: 'live', total: 5, style: 'colour', dot: '#188038' }, 16));
  });

  it('shows an amber "!" when the token was refused', () => {
    const image = draw('auth-failed', 0, 16);
    expect(countOf(image, isAmber)).toBeGreaterThan(20);
    // The "!" sits in the middle column of the badge: white stem, gap, white dot.
    const column = [9, 10, 11, 12, 13].map((y) => pixel(image, 11, y)[1]! > 240);
    expect(column).toEqual([true, true, true, false, true]);
  });

  it('draws the digits on whole pixels at 16 px: every text pixel is pure white or pure badge red', () => {
    const image = draw('live', 42, 16);
    // The badge text sits in rows 9..13 and columns 7..13 at 1x.
    for (let y = 9; y <= 13; y++) {
      for (let x = 7; x <= 13; x++) {
        const [r, g, b, a] = pixel(image, x, y);
        expect(a, `alpha at ${x},${y}`).toBe(255);
        const isWhite = r === 255 && g === 255 && b === 255;
        const isBadge = r === 0xd9 && g === 0x30 && b === 0x25;
        expect(isWhite || isBadge, `pixel ${x},${y} is ${[r, g, b]}`).toBe(true);
      }
    }
  });

  it('keeps the same picture at 2x and 4x: each 1x pixel becomes a block of the same colour', () => {
    const one = draw('live', 42, 16);
    const four = draw('live', 42, 64);
    for (let y = 9; y <= 13; y++) {
      for (let x = 7; x <= 13; x++) {
        expect(pixel(four, x * 4 + 1, y * 4 + 2)).toEqual(pixel(one, x, y));
      }
    }
  });

  it('draws a template image for the macOS menu bar in black and alpha only', () => {
    const image = decodePng(drawTrayIcon({ state: 'live', total: 7, style: 'template' }, 32));
    for (let i = 0; i < image.rgba.length; i += 4) {
      if (image.rgba[i + 3]! > 0) expect([image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]]).toEqual([0, 0, 0]);
    }
    const dim = decodePng(drawTrayIcon({ state: 'retrying', total: 7, style: 'template' }, 32));
    expect(Math.max(...dim.rgba.filter((_, i) => i % 4 === 3))).toBeLessThan(128);
  });

  it('has no Windows overlay for an empty live mailbox, and a badge otherwise', () => {
    expect(drawOverlayIcon('live', 0, 16)).toBeUndefined();
    expect(decodePng(drawOverlayIcon('live', 3, 32)!).width).toBe(32);
    expect(drawOverlayIcon('auth-failed', 0, 16)).toBeDefined();
  });

  it('draws the application icon at 1024 px for the installers', () => {
    const image = decodePng(drawAppIcon(1024));
    expect(image.width).toBe(1024);
    expect(isBlue(...(pixel(image, 100, 512).slice(0, 3) as [number, number, number]))).toBe(true);
  });
});
