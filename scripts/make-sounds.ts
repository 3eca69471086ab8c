/**
 * Writes the notification sounds shipped with the app (scripts/sound-synth.ts)
 * to build/sounds/<name>.wav; electron-builder packs them beside app.asar.
 *
 *   node scripts/make-sounds.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { soundNames, soundSamples, wavFile } from './sound-synth.ts';

const folder = join(new URL('..', import.meta.url).pathname, 'build', 'sounds');
await mkdir(folder, { recursive: true });
for (const name of soundNames) await writeFile(join(folder, `${name}.wav`), wavFile(soundSamples(name)));
console.log(`wrote ${soundNames.map((name) => `${name}.wav`).join(', ')} to ${folder}`);
