import { describe, expect, it } from 'vitest';
import { cutText } from '../../common/cut-text.ts';

const family = '👨‍👩‍👧‍👦'; // man ZWJ woman ZWJ girl ZWJ boy: 7 code points, 11 UTF-16 units
const flag = '🇰🇷'; // two regional indicators
const wave = '👋🏽'; // a hand and its skin tone
const oldHangul = 'ᄒᆞᆫ'; // 한 in old orthography: three conjoining jamo, one syllable
const decomposed = '한'.normalize('NFD'); // ᄒ ᅡ ᆫ: what macOS file names and some mailers send

describe('cutting text at a limit without breaking a syllable or an emoji', () => {
  it.each([
    ['short text stays as it is', '메일 3통', 10, '메일 3통'],
    ['text exactly at the limit stays', '가'.repeat(10), 10, '가'.repeat(10)],
    ['Korean syllables are cut with room for the ellipsis', '가나다라마바사아자차카', 10, '가나다라마바사아자…'],
    ['a space before the cut is dropped', '읽지 않은 메일 16통', 7, '읽지 않은…'],
    ['a ZWJ family that would cross the limit goes whole', `abcde${family}`, 8, 'abcde…'],
    ['a ZWJ family that fits stays whole', `a${family}bcdef`, 9, `a${family}…`],
    ['a flag is never split into two letters', `abc${flag}${flag}`, 5, 'abc…'],
    ['a skin tone stays with its hand', `abc${wave}de`, 5, 'abc…'],
    ['a syllable of conjoining jamo stays whole', `가나${oldHangul}다라`, 5, '가나…'],
    ['a decomposed syllable stays whole', `가나${decomposed}${decomposed}`, 5, '가나…'],
    ['a cluster longer than the limit is cut inside rather than shown as nothing', `e${'\u0301'.repeat(20)}`, 5, `e${'\u0301'.repeat(3)}…`],
  ])('%s', (_what, text, max, cut) => {
    expect(cutText(text, max)).toBe(cut);
    expect(Array.from(cutText(text, max)).length).toBeLessThanOrEqual(max);
  });

  it.each([
    ['emoji count two units each', '😀'.repeat(10), 9, '😀😀😀😀…'],
    ['a family counts eleven', `${'가'.repeat(10)}${family}`, 20, `${'가'.repeat(10)}…`],
    ['Korean counts one unit a syllable', '가'.repeat(200), 127, `${'가'.repeat(126)}…`],
  ])('in UTF-16 units, as Windows measures a tray tooltip: %s', (_what, text, max, cut) => {
    expect(cutText(text, max, 'utf-16')).toBe(cut);
    expect(cutText(text, max, 'utf-16').length).toBeLessThanOrEqual(max);
  });

  it('a 200-character subject of Korean and emoji ends on whole syllables and whole emoji', () => {
    const subject = `${'[공지] 받은편지함 정리 안내 '.repeat(12)}${family}${flag}`;
    const cut = cutText(subject, 200);
    expect(Array.from(cut).length).toBeLessThanOrEqual(200);
    expect(cut.endsWith('…')).toBe(true);
    const kept = cut.slice(0, -1);
    expect(subject.startsWith(kept)).toBe(true);
    const clusters = [...new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(subject)].map((s) => s.index);
    expect(clusters).toContain(kept.length);
  });

  it('a long cluster-heavy text is cut in linear time', () => {
    const text = family.repeat(20_000);
    const started = performance.now();
    expect(cutText(text, 200)).toBe(`${family.repeat(28)}…`);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
