import type { ConnectionState } from '../ipc-contract.ts';
import { badgeText } from '../tray/badge-text.ts';
import { GLYPH_HEIGHT, textShape, textWidth } from './pixel-font.ts';
import { difference, hex, Raster, rect, segment, union, type Colour, type Shape } from './raster.ts';

/** Tray images are drawn at 1x, 2x and 4x; the OS picks the one for the screen. */
export const TRAY_SCALES = [1, 2, 4] as const;
export const TRAY_BASE_SIZE = 16;

/**
 * How the icon is coloured. The user picks one of the first three in
 * Settings (as Mattermost Desktop and ElectronMail offer): `colour`, or one
 * colour for a light panel (dark glyph) or a dark panel (light glyph).
 * `template` is the macOS menu bar's: black and alpha, tinted by the OS.
 */
export type IconStyle = 'colour' | 'light-panel' | 'dark-panel' | 'template';

export interface TrayIconInput {
  state: ConnectionState;
  total: number;
  style: IconStyle;
  /** A mailbox's colour ("#188038") for a dot at the top left: the mailbox with the most new mail, where it has one. */
  dot?: string | undefined;
  /** New mail was just notified (the attention cue): for a moment the envelope is amber, or in one colour an outline. */
  isCueing?: boolean;
}

/**
 * What tells the states apart, by shape so that it survives a one-colour
 * style: live is a filled envelope; connecting an outline; retrying a filled
 * envelope with a "try again" arrow; offline an outline struck through;
 * auth-failed a filled envelope with "!"; partial (several servers, some
 * not live) an envelope filled on its left half and only outlined on its
 * right: part of the counts is live.
 */
export type EnvelopeShape = 'filled' | 'outline' | 'struck' | 'half';

interface Look {
  envelope: EnvelopeShape;
  /** The corner mark: the count, "!", or none. */
  badge: { text: string; tone: 'alert' | 'stale' | 'attention' } | undefined;
  hasRetryArrow: boolean;
  /** The colour style's envelope: blue when live, grey otherwise. */
  isLive: boolean;
}

/** What the icon shows, decided apart from the drawing. */
export function trayIconLook(state: ConnectionState, total: number): Look {
  const text = badgeText(total);
  const count = (tone: 'alert' | 'stale') => (text ? { text, tone } : undefined);
  switch (state) {
    case 'live':
      return { envelope: 'filled', badge: count('alert'), hasRetryArrow: false, isLive: true };
    case 'connecting':
      return { envelope: 'outline', badge: count('stale'), hasRetryArrow: false, isLive: false };
    case 'retrying':
      return { envelope: 'filled', badge: count('stale'), hasRetryArrow: true, isLive: false };
    case 'offline':
      return { envelope: 'struck', badge: count('stale'), hasRetryArrow: false, isLive: false };
    case 'auth-failed':
      return { envelope: 'filled', badge: { text: '!', tone: 'attention' }, hasRetryArrow: false, isLive: false };
    case 'partial':
      // The count is the live servers' news: it keeps the alert colour.
      return { envelope: 'half', badge: count('alert'), hasRetryArrow: false, isLive: true };
  }
}

// Colour style. The greys are dark enough for 3:1 against a white panel and
// light enough for 3:1 against a black one, so "not live" is never faint.
const blue = hex('#1f7aec');
const grey = hex('#7c8289');
const red = hex('#d93025');
const darkGrey = hex('#5f6368');
const amber = hex('#e8710a');
const white = hex('#ffffff');
const ink: Record<Exclude<IconStyle, 'colour'>, Colour> = {
  'light-panel': hex('#202124'),
  'dark-panel': hex('#f1f3f4'),
  template: hex('#000000'),
};

// Drawn on a 16-unit grid: one unit is one pixel at 1x, so straight edges on
// whole units stay sharp at every scale.
const UNITS = 16;
const STROKE = 1.5;
const envelopeBody = rect(1, 2, 15, 12, 1.5);
const envelopeHollow = rect(1 + STROKE, 2 + STROKE, 15 - STROKE, 12 - STROKE, 0.5);
const envelopeFlap = (width: number) => union(segment(1.6, 2.6, 8, 7.6, width), segment(8, 7.6, 14.4, 2.6, width));
// Offline: a stroke from the top left to the bottom right, with a clear gap either side.
const strike = segment(1, 0.5, 15, 14.5, 1.5);
const strikeGap = segment(1, 0.5, 15, 14.5, 3.5);

// The badge sits at the bottom right, 7 units tall (5 of text and 1 each side),
// so even "99+" leaves the envelope's top and its flap in view.
const BADGE_TOP = 9;
const BADGE_HEIGHT = 7;

/** The tray icon as a PNG of `size` pixels square. */
export function drawTrayIcon({ state, total, style, dot, isCueing }: TrayIconInput, size: number): Buffer {
  const look = trayIconLook(state, total);
  const image = new Raster(size, UNITS);
  const cue = isCueing === true && (state === 'live' || state === 'partial');
  const envelopeColour = style === 'colour' ? (cue ? amber : look.isLive ? blue : grey) : ink[style];
  // One colour has no other hue to turn to: the filled envelope turns to an outline, a change of shape
  // (not while partial, whose half-filled shape is the one thing that tells it apart there).
  // Partial: the live half blue (amber while cueing), the outlined half grey (one colour for both in the one-colour styles).
  drawEnvelope(image, cue && style !== 'colour' && state === 'live' ? 'outline' : look.envelope, envelopeColour,
    style === 'colour' ? grey : envelopeColour);
  if (look.hasRetryArrow) drawRetryArrow(image, envelopeColour);
  // macOS shows the count beside the icon (tray.setTitle); only "!" goes on the template image.
  const badge = style === 'template' && look.badge?.tone !== 'attention' ? undefined : look.badge;
  if (badge) {
    if (style === 'colour') {
      const fill = badge.tone === 'alert' ? red : badge.tone === 'attention' ? amber : darkGrey;
      drawBadge(image, badge.text, { fill, text: white }, BADGE_TOP, BADGE_HEIGHT);
    } else {
      // One colour: the pill in the glyph colour, its text cut out to show the panel through it.
      drawBadge(image, badge.text, { fill: ink[style], text: undefined }, BADGE_TOP, BADGE_HEIGHT);
    }
  }
  // Birdtray colours counts per account; here the mailbox's colour marks the icon while live (colour style only).
  if (dot && (state === 'live' || state === 'partial') && style === 'colour') {
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
  const fill = badge.tone === 'alert' ? red : badge.tone === 'attention' ? amber : darkGrey;
  drawBadge(image, badge.text, { fill, text: white }, 4, 9);
  return image.png();
}

function drawEnvelope(image: Raster, shape: EnvelopeShape, colour: Colour, secondColour: Colour = colour): void {
  const outline = union(difference(envelopeBody, envelopeHollow), envelopeFlap(STROKE));
  if (shape === 'filled') {
    image.fill(envelopeBody, colour);
    image.erase(envelopeFlap(1.25));
    return;
  }
  if (shape === 'half') {
    // A whole unit's gap at the middle keeps the two halves apart at 1x.
    const left: Shape = { box: [0, 0, 7, UNITS], contains: (x) => x < 7 };
    const right: Shape = { box: [8, 0, UNITS, UNITS], contains: (x) => x >= 8 };
    const filled = difference(envelopeBody, envelopeFlap(1.25));
    image.fill({ box: left.box, contains: (x, y) => left.contains(x, y) && filled.contains(x, y) }, colour);
    image.fill({ box: right.box, contains: (x, y) => right.contains(x, y) && outline.contains(x, y) }, secondColour);
    return;
  }
  if (shape === 'outline') {
    image.fill(outline, colour);
    return;
  }
  image.fill(difference(outline, strikeGap), colour);
  image.fill(strike, colour);
}

/**
 * Retrying: a small circular arrow at the top right, cut into the envelope
 * with a clear gap: "it will try again".
 */
function drawRetryArrow(image: Raster, colour: Colour): void {
  const cx = 12;
  const cy = 4;
  const ring = (r: number): Shape => ({
    box: [cx - r, cy - r, cx + r, cy + r],
    contains: (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r,
  });
  image.erase(ring(4.5));
  // The ring, open at the top right where the arrowhead points into the gap.
  const open: Shape = {
    box: [cx - 3.5, cy - 3.5, cx + 3.5, cy + 3.5],
    contains: (x, y) => !(x > cx && y < cy),
  };
  const arc = difference(ring(3.5), ring(2));
  image.fill({ box: arc.box, contains: (x, y) => arc.contains(x, y) && open.contains(x, y) }, colour);
  // Arrowhead at the arc's top end, pointing right.
  const head: Shape = {
    box: [cx - 0.5, cy - 4.5, cx + 2.5, cy + 0.5],
    contains: (x, y) => x >= cx - 0.5 && Math.abs(y - (cy - 2.75)) <= (cx + 2.5 - x) * 0.85,
  };
  image.fill(head, colour);
}

/**
 * A pill at the bottom right, from `top`, `height` tall, with the text in it;
 * a clear gap around it. `text` undefined cuts the text out of the pill.
 */
function drawBadge(image: Raster, text: string, colours: { fill: Colour; text: Colour | undefined }, top: number, height: number): void {
  const width = Math.max(height, textWidth(text) + 2 + (height - GLYPH_HEIGHT - 2));
  const x0 = UNITS - width;
  const radius = height / 2;
  image.erase(rect(x0 - 1, top - 1, UNITS + 1, top + height + 1, radius + 1));
  image.fill(rect(x0, top, UNITS, top + height, radius), colours.fill);
  const textX = x0 + Math.floor((width - textWidth(text)) / 2);
  const glyphs = textShape(text, textX, top + (height - GLYPH_HEIGHT) / 2);
  if (colours.text) image.fill(glyphs, colours.text);
  else image.erase(glyphs);
}
