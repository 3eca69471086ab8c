import type { ConnectionState } from '../ipc-contract.ts';
import { badgeText } from '../badge-text.ts';
import { GLYPH_HEIGHT, textShape, textWidth } from './pixel-font.ts';
import { difference, hex, Raster, rect, segment, union, type Colour, type Shape } from './raster.ts';

/** Tray images are drawn at 1x, 2x and 4x; the OS picks the one for the screen. */
export const TRAY_SCALES = [1, 2, 4] as const;
export const TRAY_BASE_SIZE = 16;

/** `colour` for Windows and Linux; `template` for the macOS menu bar (black and alpha only). */
export type IconStyle = 'colour' | 'template';

export interface TrayIconInput {
  state: ConnectionState;
  total: number;
  style: IconStyle;
  /** A mailbox's colour ("#188038") for a dot at the top left: the mailbox with the most new mail, where it has one. */
  dot?: string | undefined;
}

const blue = hex('#1a73e8');
const grey = hex('#80868b');
const white = hex('#ffffff');
const red = hex('#d93025');
const darkGrey = hex('#5f6368');
const amber = hex('#e8710a');
const black = hex('#000000');

// Drawn on a 16-unit grid: one unit is one pixel at 1x, so straight edges on
// whole units stay sharp at every scale.
const UNITS = 16;
const envelopeBody = rect(1, 3, 15, 13, 1.5);
const envelopeFlap = (width: number) => union(segment(1.6, 3.6, 8, 8.6, width), segment(8, 8.6, 14.4, 3.6, width));

/** What the icon shows, decided apart from the drawing: the badge text and the colours. */
export function trayIconLook(state: ConnectionState, total: number): {
  envelope: Colour; isHollow: boolean; badge: { text: string; colour: Colour } | undefined;
} {
  const text = badgeText(total);
  switch (state) {
    case 'live':
      return { envelope: blue, isHollow: false, badge: text ? { text, colour: red } : undefined };
    case 'auth-failed':
      return { envelope: grey, isHollow: false, badge: { text: '!', colour: amber } };
    case 'offline':
      return { envelope: grey, isHollow: true, badge: text ? { text, colour: darkGrey } : undefined };
    case 'connecting':
      return { envelope: { ...grey, a: 0.55 }, isHollow: false, badge: text ? { text, colour: darkGrey } : undefined };
    case 'retrying':
      return { envelope: grey, isHollow: false, badge: text ? { text, colour: darkGrey } : undefined };
  }
}

/** The tray icon as a PNG of `size` pixels square. */
export function drawTrayIcon({ state, total, style, dot }: TrayIconInput, size: number): Buffer {
  const look = trayIconLook(state, total);
  const image = new Raster(size, UNITS);
  if (style === 'template') {
    // macOS tints template images itself and shows the count with tray.setTitle;
    // a dimmer envelope says "not live".
    image.fill(envelopeBody, { ...black, a: state === 'live' ? 1 : 0.45 });
    image.erase(envelopeFlap(1.25));
    return image.png();
  }
  if (look.isHollow) {
    image.fill(difference(envelopeBody, rect(2.25, 4.25, 13.75, 11.75, 0.5)), look.envelope);
    image.fill(envelopeFlap(1.25), look.envelope);
  } else {
    image.fill(envelopeBody, look.envelope);
    image.erase(envelopeFlap(1.25));
  }
  if (look.badge) drawBadge(image, look.badge.text, look.badge.colour, 7);
  // Birdtray colours counts per account; here the mailbox's colour marks the icon while live.
  if (dot && state === 'live') {
    image.erase(rect(0, 0, 8, 8, 4));
    image.fill(rect(1, 1, 7, 7, 3), hex(dot));
  }
  return image.png();
}

/** The Windows taskbar overlay: the badge alone, or nothing for no mail while live. */
export function drawOverlayIcon(state: ConnectionState, total: number, size: number): Buffer | undefined {
  const { badge } = trayIconLook(state, total);
  if (!badge) return undefined;
  const image = new Raster(size, UNITS);
  drawBadge(image, badge.text, badge.colour, 4);
  return image.png();
}

/** A pill of 9 units' height at the bottom right, from `top`, with white text; a clear gap around it. */
function drawBadge(image: Raster, text: string, colour: Colour, top: number): void {
  const width = Math.max(9, textWidth(text) + 4);
  const x0 = UNITS - width;
  const pill: Shape = rect(x0, top, UNITS, top + 9, 4.5);
  image.erase(rect(x0 - 1, top - 1, UNITS + 1, top + 10, 5.5));
  image.fill(pill, colour);
  const textX = x0 + Math.floor((width - textWidth(text)) / 2);
  image.fill(textShape(text, textX, top + (9 - GLYPH_HEIGHT) / 2), white);
}
