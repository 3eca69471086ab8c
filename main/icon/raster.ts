import { encodePng } from './png.ts';

/** A colour with straight alpha from 0 to 1. */
export interface Colour {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** A region of the plane: its bounding box and who is inside. */
export interface Shape {
  box: [x0: number, y0: number, x1: number, y1: number];
  contains(x: number, y: number): boolean;
}

export function hex(text: string, a = 1): Colour {
  const n = Number.parseInt(text.replace('#', ''), 16);
  return { r: (n >> 16) & 255, g: (n >> 8) & 255, b: n & 255, a };
}

export function rect(x0: number, y0: number, x1: number, y1: number, radius = 0): Shape {
  return {
    box: [x0, y0, x1, y1],
    contains(x, y) {
      if (x < x0 || x > x1 || y < y0 || y > y1) return false;
      const dx = Math.max(x0 + radius - x, 0, x - (x1 - radius));
      const dy = Math.max(y0 + radius - y, 0, y - (y1 - radius));
      return dx * dx + dy * dy <= radius * radius;
    },
  };
}

/** A straight stroke of `width` from one point to another, with flat ends. */
export function segment(x0: number, y0: number, x1: number, y1: number, width: number): Shape {
  const half = width / 2;
  const dx = x1 - x0;
  const dy = y1 - y0;
  const lengthSquared = dx * dx + dy * dy;
  return {
    box: [Math.min(x0, x1) - half, Math.min(y0, y1) - half, Math.max(x0, x1) + half, Math.max(y0, y1) + half],
    contains(x, y) {
      const t = ((x - x0) * dx + (y - y0) * dy) / lengthSquared;
      if (t < 0 || t > 1) return false;
      const px = x0 + t * dx - x;
      const py = y0 + t * dy - y;
      return px * px + py * py <= half * half;
    },
  };
}

export function union(...shapes: Shape[]): Shape {
  return {
    box: [
      Math.min(...shapes.map((s) => s.box[0])), Math.min(...shapes.map((s) => s.box[1])),
      Math.max(...shapes.map((s) => s.box[2])), Math.max(...shapes.map((s) => s.box[3])),
    ],
    contains: (x, y) => shapes.some((s) => s.contains(x, y)),
  };
}

export function difference(outer: Shape, inner: Shape): Shape {
  return { box: outer.box, contains: (x, y) => outer.contains(x, y) && !inner.contains(x, y) };
}

// 4x4 samples per pixel: 17 levels of edge coverage, plenty at 16 px, and exact
// (all or nothing) for edges on whole pixels, which is what keeps strokes crisp.
const SAMPLES = 4;

/** An RGBA image drawn by filling shapes in a coordinate system of `units` per side. */
export class Raster {
  readonly size: number;
  readonly pixels: Uint8Array;
  readonly #scale: number;

  constructor(size: number, units = size) {
    this.size = size;
    this.pixels = new Uint8Array(size * size * 4);
    this.#scale = size / units;
  }

  fill(shape: Shape, colour: Colour): void {
    this.#paint(shape, (i, coverage) => {
      const p = this.pixels;
      const srcA = colour.a * coverage;
      const dstA = p[i + 3]! / 255;
      const outA = srcA + dstA * (1 - srcA);
      if (outA === 0) return;
      p[i] = Math.round((colour.r * srcA + p[i]! * dstA * (1 - srcA)) / outA);
      p[i + 1] = Math.round((colour.g * srcA + p[i + 1]! * dstA * (1 - srcA)) / outA);
      p[i + 2] = Math.round((colour.b * srcA + p[i + 2]! * dstA * (1 - srcA)) / outA);
      p[i + 3] = Math.round(outA * 255);
    });
  }

  /** Makes the shape transparent again: a gap between a badge and what is under it. */
  erase(shape: Shape): void {
    this.#paint(shape, (i, coverage) => {
      this.pixels[i + 3] = Math.round(this.pixels[i + 3]! * (1 - coverage));
    });
  }

  png(): Buffer {
    return encodePng(this.size, this.size, this.pixels);
  }

  #paint(shape: Shape, apply: (index: number, coverage: number) => void): void {
    const s = this.#scale;
    const [bx0, by0, bx1, by1] = shape.box;
    const px0 = Math.max(0, Math.floor(bx0 * s));
    const py0 = Math.max(0, Math.floor(by0 * s));
    const px1 = Math.min(this.size, Math.ceil(bx1 * s));
    const py1 = Math.min(this.size, Math.ceil(by1 * s));
    for (let py = py0; py < py1; py++) {
      for (let px = px0; px < px1; px++) {
        let hits = 0;
        for (let sy = 0; sy < SAMPLES; sy++) {
          for (let sx = 0; sx < SAMPLES; sx++) {
            if (shape.contains((px + (sx + 0.5) / SAMPLES) / s, (py + (sy + 0.5) / SAMPLES) / s)) hits++;
          }
        }
        if (hits > 0) apply((py * this.size + px) * 4, hits / (SAMPLES * SAMPLES));
      }
    }
  }
}
