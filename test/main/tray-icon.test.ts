import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { badgeText } from '../../main/tray/badge-text.ts';
import { drawAppIcon } from '../../main/icon/app-icon.ts';
import { drawOverlayIcon, drawTrayIcon, TRAY_BASE_SIZE, TRAY_SCALES } from '../../main/icon/tray-icon.ts';
import type { ConnectionState } from '../../main/ipc-contract.ts';
import { decodePng, type DecodedPng } from './support/decode-png.ts';
import { contactSheet, LEGEND_LINE, sheetLayout, type Sheet } from './support/icon-sheet.ts';
import { readLegend } from './support/sheet-reader.ts';

// 'partial' (several servers, some not live) is told apart by shape below; the contact sheets keep the single-server states.
const states: ConnectionState[] = ['live', 'connecting', 'retrying', 'offline', 'auth-failed', 'partial'];

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

/** Which pixels are mostly opaque: the icon's shape, whatever its colour. */
function opaqueMask(image: DecodedPng): boolean[] {
  return Array.from({ length: image.width * image.height }, (_, i) => image.rgba[i * 4 + 3]! > 127);
}
const differingPixels = (a: boolean[], b: boolean[]) => a.filter((value, i) => value !== b[i]).length;

type Rgb = [number, number, number];
/** WCAG 2 contrast ratio of two sRGB colours. */
function contrast(a: Rgb, b: Rgb): number {
  const luminance = ([r, g, bl]: Rgb) => {
    const [R, G, B] = [r, g, bl].map((c) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
const sheetStyles = ['colour', 'light-panel', 'dark-panel', 'template'] as const;
const sheetStates = states.filter((state) => state !== 'partial');
const sheetTotals = [0, 3, 42, 100];
/** The panel colours a tray icon sits on, by the name the sheet's legend gives them. */
const sheetPanels: Array<[string, Rgb]> = [['light grey', [240, 240, 240]], ['white', [255, 255, 255]], ['dark grey', [48, 48, 48]], ['black', [20, 20, 20]]];
const sheetZoom = (size: 16 | 32) => (size === 16 ? 5 : 3);

/** A contact sheet of one style and size: a row per state and panel, a column per count. */
function traySheet(style: (typeof sheetStyles)[number], size: 16 | 32): Sheet {
  return {
    title: [`tray icon, ${style} style, ${size} px`, 'rows: state on panel. columns: unread total.'],
    columns: sheetTotals.map(String),
    rows: sheetStates.flatMap((state) => sheetPanels.map(([panel, background]) => ({
      label: `${state} on ${panel}`,
      cells: sheetTotals.map((total) => ({ png: drawTrayIcon({ state, total, style }, size), background })),
    }))),
  };
}
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
    const column = [10, 11, 12, 13, 14].map((y) => pixel(image, 12, y)[1]! > 240);
    expect(column).toEqual([true, true, true, false, true]);
  });

  it('draws the digits on whole pixels at 16 px: every text pixel is pure white or pure badge red', () => {
    const image = draw('live', 42, 16);
    // The badge text sits in rows 10..14 and columns 8..14 at 1x.
    for (let y = 10; y <= 14; y++) {
      for (let x = 8; x <= 14; x++) {
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
    for (let y = 10; y <= 14; y++) {
      for (let x = 8; x <= 14; x++) {
        expect(pixel(four, x * 4 + 1, y * 4 + 2)).toEqual(pixel(one, x, y));
      }
    }
  });

  it.each([['template', [0, 0, 0]], ['light-panel', [0x20, 0x21, 0x24]], ['dark-panel', [0xf1, 0xf3, 0xf4]]] as const)(
    'draws the %s style in one colour and alpha, with a different shape in every state', (style, ink) => {
      const masks = states.map((state) => {
        const image = decodePng(drawTrayIcon({ state, total: 7, style }, 16));
        for (let i = 0; i < image.rgba.length; i += 4) {
          if (image.rgba[i + 3]! > 0) expect([image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]]).toEqual(ink);
        }
        return opaqueMask(image);
      });
      for (let a = 0; a < states.length; a++) {
        for (let b = a + 1; b < states.length; b++) {
          // Live and auth-failed differ by their corner mark alone: the count against "!".
          expect(differingPixels(masks[a]!, masks[b]!), `${states[a]} vs ${states[b]}`).toBeGreaterThanOrEqual(5);
        }
      }
    });

  it('tells retrying from offline by shape at 16 px, not only by colour', () => {
    const retrying = opaqueMask(draw('retrying', 0, 16));
    const offline = opaqueMask(draw('offline', 0, 16));
    const connecting = opaqueMask(draw('connecting', 0, 16));
    expect(differingPixels(retrying, offline)).toBeGreaterThanOrEqual(30);
    expect(differingPixels(offline, connecting)).toBeGreaterThanOrEqual(8);
    expect(differingPixels(retrying, connecting)).toBeGreaterThanOrEqual(30);
  });

  it('leaves the envelope in view beside "99+": at least half of it shows', () => {
    for (const size of [16, 32]) {
      const bare = countOf(draw('live', 0, size), isBlue);
      const full = countOf(draw('live', 100, size), isBlue);
      expect(full / bare, `at ${size} px`).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('is not faint in any state on a light or a dark panel: the envelope has 3:1 contrast against white and #303030', () => {
    for (const state of states) {
      const image = draw(state, 0, 16);
      let solid = 0;
      for (let i = 0; i < image.rgba.length; i += 4) {
        if (image.rgba[i + 3]! < 255) continue;
        solid++;
        const colour: Rgb = [image.rgba[i]!, image.rgba[i + 1]!, image.rgba[i + 2]!];
        if (colour.every((c) => c === 255)) continue;
        expect(contrast(colour, [255, 255, 255]), `${state} on white`).toBeGreaterThanOrEqual(3);
        expect(contrast(colour, [48, 48, 48]), `${state} on #303030`).toBeGreaterThanOrEqual(3);
      }
      expect(solid, `${state}: fully opaque pixels`).toBeGreaterThan(30);
    }
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

  it('writes contact sheets of every state, count and style on light and dark panels, to look at', async () => {
    const dir = fileURLToPath(new URL('../../test-output/icons/', import.meta.url));
    await mkdir(dir, { recursive: true });
    for (const style of sheetStyles) {
      for (const size of [16, 32] as const) {
        const sheet = traySheet(style, size);
        const png = contactSheet(sheet, sheetZoom(size));
        await writeFile(`${dir}tray-${style}-${size}.png`, png);
        expect(decodePng(png).height).toBe(sheetLayout(sheet, size, sheetZoom(size)).height);
      }
    }
  });

  it('names on each contact sheet its style and size, each row\'s state and panel, and each column\'s count, beside the right icons', () => {
    for (const style of sheetStyles) {
      for (const size of [16, 32] as const) {
        const sheet = traySheet(style, size);
        const image = decodePng(contactSheet(sheet, sheetZoom(size)));
        const layout = sheetLayout(sheet, size, sheetZoom(size));
        const where = `${style} ${size}`;
        expect(readLegend(image, [0, 0, image.width, 8 + LEGEND_LINE]), where).toBe(`TRAY ICON, ${style.toUpperCase()} STYLE, ${size} PX`);
        sheetTotals.forEach((total, c) => {
          const left = layout.labelWidth + c * layout.cellWidth;
          expect(readLegend(image, [left, layout.columnsTop, left + layout.cellWidth, layout.cellsTop]), where).toBe(String(total));
        });
        sheetStates.forEach((state, s) => sheetPanels.forEach(([panel, background], p) => {
          const r = s * sheetPanels.length + p;
          const top = layout.cellsTop + r * layout.cellHeight;
          expect(readLegend(image, [0, top, layout.labelWidth, top + layout.cellHeight]), where).toBe(`${state} on ${panel}`.toUpperCase());
          // What the label says is what the row shows: its 1:1 icons are that state's, on that panel.
          sheetTotals.forEach((total, c) => {
            const icon = decodePng(drawTrayIcon({ state, total, style }, size));
            const x0 = layout.labelWidth + c * layout.cellWidth + 2;
            for (const [x, y] of [[size / 2, size / 2], [size - 3, size - 3], [3, size / 2]] as const) {
              const i = (y * size + x) * 4;
              const a = icon.rgba[i + 3]! / 255;
              const expected = [0, 1, 2].map((k) => Math.round(icon.rgba[i + k]! * a + background[k]! * (1 - a)));
              expect(pixel(image, x0 + x, top + 4 + y).slice(0, 3), `${where} ${state} ${panel} ${total}`).toEqual(expected);
            }
          });
        }));
      }
    }
  });
});
