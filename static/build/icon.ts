import { encodePng } from './png';

type Rgb = [number, number, number];
const BACKGROUND: Rgb = [15, 94, 168];
const FOREGROUND: Rgb = [255, 255, 255];

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number) {
  const dx = bx - ax;
  const dy = by - ay;
  const k = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + k * dx), py - (ay + k * dy));
}

/**
 * The Backwatch mark (a ring with a tick) in unit coordinates. `maskable` fills the whole square
 * and keeps the mark inside the 80 % safe zone; otherwise the background is a rounded square.
 */
function coverage(x: number, y: number, maskable: boolean): { bg: boolean; fg: boolean } {
  const r = 0.22;
  const inset = maskable ? 0 : 0.02;
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - inset - r), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - inset - r), 0);
  const bg = maskable || Math.hypot(qx, qy) <= r;
  const scale = maskable ? 0.72 : 0.9;
  const ux = (x - 0.5) / scale + 0.5;
  const uy = (y - 0.5) / scale + 0.5;
  const ring = Math.abs(Math.hypot(ux - 0.5, uy - 0.5) - 0.31) < 0.045;
  const tick = Math.min(segmentDistance(ux, uy, 0.36, 0.5, 0.46, 0.6), segmentDistance(ux, uy, 0.46, 0.6, 0.65, 0.39)) < 0.045;
  return { bg, fg: bg && (ring || tick) };
}

/** A square PNG icon of `size` pixels, anti-aliased by 4×4 supersampling. */
export function renderIcon(size: number, maskable: boolean): Buffer {
  const pixels = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = coverage((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size, maskable);
          if (c.bg) bg++;
          if (c.fg) fg++;
        }
      }
      const alpha = bg / (n * n);
      const mix = bg ? fg / bg : 0;
      const o = (py * size + px) * 4;
      for (let ch = 0; ch < 3; ch++) pixels[o + ch] = Math.round(BACKGROUND[ch]! * (1 - mix) + FOREGROUND[ch]! * mix);
      pixels[o + 3] = Math.round(alpha * 255);
    }
  }
  return encodePng(size, size, pixels);
}

export const ICONS = [
  { fileName: 'icons/icon-192.png', size: 192, maskable: false },
  { fileName: 'icons/icon-512.png', size: 512, maskable: false },
  { fileName: 'icons/maskable-512.png', size: 512, maskable: true },
] as const;
