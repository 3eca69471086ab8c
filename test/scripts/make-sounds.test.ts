import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_SOUNDS } from '../../main/notifications/notification-sound.ts';
import { SAMPLE_RATE, soundNames, soundSamples, wavFile } from '../../scripts/sound-synth.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The samples of a 16-bit mono PCM WAV, -1 to 1, after checking its header says so. */
function readWav(file: Buffer): number[] {
  expect(file.toString('ascii', 0, 4)).toBe('RIFF');
  expect(file.toString('ascii', 8, 16)).toBe('WAVEfmt ');
  expect([file.readUInt16LE(20), file.readUInt16LE(22), file.readUInt32LE(24), file.readUInt16LE(34)]).toEqual([1, 1, SAMPLE_RATE, 16]);
  expect(file.toString('ascii', 36, 40)).toBe('data');
  const length = file.readUInt32LE(40);
  expect(file.length).toBe(44 + length);
  return Array.from({ length: length / 2 }, (_, i) => file.readInt16LE(44 + i * 2) / 32767);
}

describe('the notification sounds shipped with the app', () => {
  it('are the ones the app offers, and build/sounds/ holds what scripts/sound-synth.ts makes (npm run sounds)', () => {
    expect([...soundNames].sort()).toEqual([...APP_SOUNDS].sort());
    for (const name of soundNames) {
      expect(readFileSync(`${root}/build/sounds/${name}.wav`).equals(wavFile(soundSamples(name))), `${name}.wav is stale`).toBe(true);
    }
  });

  it.each(soundNames)('%s is short, audible, never clips, and starts and ends without a click', (name) => {
    const samples = readWav(readFileSync(`${root}/build/sounds/${name}.wav`));
    expect(samples.length / SAMPLE_RATE).toBeLessThan(1);
    const peak = Math.max(...samples.map(Math.abs));
    expect(peak).toBeGreaterThan(0.3);
    expect(peak).toBeLessThan(0.99);
    expect(Math.abs(samples[0]!)).toBeLessThan(0.01);
    expect(Math.abs(samples.at(-1)!)).toBeLessThan(0.01);
    // Mostly over by its end: the last tenth is far quieter than the peak.
    const tail = samples.slice(Math.floor(samples.length * 0.9));
    expect(Math.max(...tail.map(Math.abs))).toBeLessThan(peak / 4);
  });

  it('are packed outside app.asar, where the desktops\' players can read them', () => {
    const config = parse(readFileSync(`${root}/electron-builder.yml`, 'utf8')) as { extraResources: unknown };
    expect(config.extraResources).toEqual([{ from: 'build/sounds', to: 'sounds', filter: ['*.wav'] }]);
  });
});
