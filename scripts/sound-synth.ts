/**
 * The notification sounds shipped with the app, made here from sine waves so
 * they are ours to ship (no sample library, no licence to carry): a short
 * chime, a small bell and a water drop. `npm run sounds` writes them to
 * build/sounds/ as 16-bit mono WAV, which every desktop's player reads
 * (notification-sound.ts says which player); a test fails when the files are
 * not what this file makes.
 */
export const SAMPLE_RATE = 44_100;

/** A partial: a sine at `hz` (or sweeping to `toHz`), starting at `at` s, `gain` loud, fading by half every `halfLife` s. */
interface Partial {
  hz: number;
  toHz?: number;
  sweep?: number;
  at: number;
  gain: number;
  halfLife: number;
}

const sounds: Record<'chime' | 'bell' | 'drop', { seconds: number; partials: Partial[] }> = {
  // Two notes a fourth apart (E6, A6), each with a soft octave above it.
  chime: {
    seconds: 0.7,
    partials: [
      { hz: 1318.5, at: 0, gain: 0.5, halfLife: 0.08 },
      { hz: 2637, at: 0, gain: 0.12, halfLife: 0.05 },
      { hz: 1760, at: 0.12, gain: 0.5, halfLife: 0.12 },
      { hz: 3520, at: 0.12, gain: 0.1, halfLife: 0.06 },
    ],
  },
  // A small bell: a bell's partials are not whole multiples (1, 2.76, 5.40 of the strike note).
  bell: {
    seconds: 0.9,
    partials: [
      { hz: 880, at: 0, gain: 0.5, halfLife: 0.2 },
      { hz: 880 * 2.76, at: 0, gain: 0.2, halfLife: 0.1 },
      { hz: 880 * 5.4, at: 0, gain: 0.08, halfLife: 0.05 },
    ],
  },
  // A drop: a pitch that rises quickly and dies away.
  drop: {
    seconds: 0.35,
    partials: [{ hz: 600, toHz: 1500, sweep: 0.06, at: 0, gain: 0.6, halfLife: 0.05 }],
  },
};

export type SoundName = keyof typeof sounds;
export const soundNames = Object.keys(sounds) as SoundName[];

// A few milliseconds of fade at each end, so the speaker does not click.
const FADE = 0.005;

/** The sound's samples, -1 to 1. */
export function soundSamples(name: SoundName): Float64Array {
  const { seconds, partials } = sounds[name];
  const length = Math.round(seconds * SAMPLE_RATE);
  const samples = new Float64Array(length);
  for (const partial of partials) {
    let phase = 0;
    for (let i = Math.round(partial.at * SAMPLE_RATE); i < length; i += 1) {
      const t = i / SAMPLE_RATE - partial.at;
      const hz = partial.toHz && partial.sweep ? partial.hz + (partial.toHz - partial.hz) * Math.min(1, t / partial.sweep) : partial.hz;
      phase += (2 * Math.PI * hz) / SAMPLE_RATE;
      const attack = Math.min(1, t / FADE);
      samples[i]! += partial.gain * attack * Math.sin(phase) * 0.5 ** (t / partial.halfLife);
    }
  }
  for (let i = 0; i < length; i += 1) {
    const fromEnd = (length - 1 - i) / SAMPLE_RATE;
    samples[i] = samples[i]! * Math.min(1, fromEnd / FADE);
  }
  return samples;
}

/** A 16-bit mono PCM WAV file of the samples (RIFF, "fmt ", "data"). */
export function wavFile(samples: Float64Array): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, i) => data.writeInt16LE(Math.round(Math.max(-1, Math.min(1, sample)) * 32767), i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
