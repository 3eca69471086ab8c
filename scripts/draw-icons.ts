/**
 * Draws the icons with the same code the app draws them with at run time:
 * build/icon.png and build/icons/<n>x<n>.png for electron-builder, and
 * previews of the tray icon for every count and state in test-output/icons/
 * (or the folder given as the first argument), to look at.
 *
 *   node scripts/draw-icons.ts [preview-folder]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { drawAppIcon } from '../main/icon/app-icon.ts';
import { drawOverlayIcon, drawTrayIcon, TRAY_BASE_SIZE, TRAY_SCALES } from '../main/icon/tray-icon.ts';
import type { ConnectionState } from '../main/ipc-contract.ts';

const root = new URL('..', import.meta.url).pathname;
const previews = process.argv[2] ?? join(root, 'test-output', 'icons');

await mkdir(join(root, 'build', 'icons'), { recursive: true });
await writeFile(join(root, 'build', 'icon.png'), drawAppIcon(1024));
for (const size of [16, 32, 48, 64, 128, 256, 512]) {
  await writeFile(join(root, 'build', 'icons', `${size}x${size}.png`), drawAppIcon(size));
}

await mkdir(previews, { recursive: true });
const cases: Array<[ConnectionState, number]> = [
  ['live', 0], ['live', 1], ['live', 9], ['live', 42], ['live', 99], ['live', 100],
  ['connecting', 0], ['retrying', 5], ['offline', 5], ['auth-failed', 5], ['partial', 0], ['partial', 7],
];
for (const [state, total] of cases) {
  for (const scale of TRAY_SCALES) {
    const size = TRAY_BASE_SIZE * scale;
    await writeFile(join(previews, `tray-${state}-${total}-${size}.png`), drawTrayIcon({ state, total, style: 'colour' }, size));
  }
  await writeFile(join(previews, `template-${state}-${total}-32.png`), drawTrayIcon({ state, total, style: 'template' }, 32));
  const overlay = drawOverlayIcon(state, total, 32);
  if (overlay) await writeFile(join(previews, `overlay-${state}-${total}-32.png`), overlay);
}
console.log(`icons: build/icon.png, build/icons/; previews in ${previews}`);
