import { describe, expect, it } from 'vitest';
import { formatCursor, isAheadOf, isSameState, parseCursor } from '../../../server/store/cursor.ts';
import { newDeltaKey, openSeq, sealSeq } from '../../../server/store/delta-cursor.ts';

// A cluster store's change numbers: one per part (cluster-store.ts), sealed for one client as one number is.
describe('a cluster\'s change numbers in a delta cursor', () => {
  const key = newDeltaKey();
  const numbers = [0, 1, 127, 128, 300, 2 ** 32 + 5, 99_999, 7, 0, 0, 12, 2 ** 40, 3, 4, 5, 6];

  it('open to the same numbers for the client they were sealed for, and nothing of them shows', () => {
    const sealed = sealSeq(key, 'ann-laptop', numbers);
    expect(openSeq(key, 'ann-laptop', sealed)).toEqual(numbers);
    expect(sealed).toMatch(/^[A-Za-z0-9_-]{43,400}$/);
    expect(sealed).not.toContain('99999');
    // The cursor carries it as its third part, and reads back the same.
    const text = formatCursor({ epoch: 'k3f9a', version: 42, sealed });
    expect(parseCursor(text)).toEqual({ epoch: 'k3f9a', version: 42, sealed });
  });

  it('do not open for another client, under another key, or changed in any character', () => {
    const sealed = sealSeq(key, 'ann-laptop', numbers);
    expect(openSeq(key, 'bob-laptop', sealed)).toBeUndefined();
    expect(openSeq(newDeltaKey(), 'ann-laptop', sealed)).toBeUndefined();
    for (let i = 0; i < sealed.length; i++) {
      const changed = sealed.slice(0, i) + (sealed[i] === 'A' ? 'B' : 'A') + sealed.slice(i + 1);
      expect(openSeq(key, 'ann-laptop', changed), `character ${i}`).toBeUndefined();
    }
  });

  it('a store\'s unsealed numbers read back as a list (one number stays a number)', () => {
    expect(parseCursor(formatCursor({ epoch: 'k3f9a', version: 3, seq: [4, 0, 9] }))).toEqual({ epoch: 'k3f9a', version: 3, seq: [4, 0, 9] });
    expect(parseCursor('k3f9a.3.4')).toEqual({ epoch: 'k3f9a', version: 3, seq: 4 });
    expect(parseCursor('k3f9a.3.4-01')).toBeUndefined();
  });
});

// A cluster's parts are read one by one: two instances can make one sum from two states.
describe('a cluster cursor\'s versions per part', () => {
  const oneFurther = { epoch: 'k3f9a', version: 86, parts: [41, 45, 0] };
  const otherFurther = { epoch: 'k3f9a', version: 86, parts: [40, 46, 0] };

  it('name one state: the same sum from other parts is another cursor', () => {
    expect(formatCursor(oneFurther)).toBe('k3f9a.86_41-45-0');
    expect(formatCursor(oneFurther)).not.toBe(formatCursor(otherFurther));
    expect(isSameState(oneFurther, otherFurther)).toBe(false);
    expect(isSameState(oneFurther, { ...oneFurther, parts: [41, 45, 0] })).toBe(true);
    // A cursor from before the parts were named (or from one Redis) is another state too.
    expect(isSameState(oneFurther, { epoch: 'k3f9a', version: 86 })).toBe(false);
  });

  it('read back with the parts, beside a change number or a sealed one', () => {
    expect(parseCursor('k3f9a.86_41-45-0')).toEqual(oneFurther);
    expect(parseCursor(formatCursor({ ...oneFurther, seq: [7, 8, 9] }))).toEqual({ ...oneFurther, seq: [7, 8, 9] });
    const sealed = sealSeq(newDeltaKey(), 'ann-laptop', Array.from({ length: 16 }, (_, i) => i * 3));
    expect(parseCursor(formatCursor({ ...oneFurther, sealed }))).toEqual({ ...oneFurther, sealed });
  });

  it('are refused when they do not add up to the version, as no store made them', () => {
    expect(parseCursor('k3f9a.87_41-45-0')).toBeUndefined();
    expect(parseCursor('k3f9a.86_41-45-')).toBeUndefined();
    expect(parseCursor('k3f9a.86_')).toBeUndefined();
  });

  it('are ahead when any part is further on, even with a smaller sum', () => {
    expect(isAheadOf({ epoch: 'k3f9a', version: 85, parts: [42, 43, 0] }, oneFurther)).toBe(true);
    expect(isAheadOf(otherFurther, oneFurther)).toBe(true);
    expect(isAheadOf({ epoch: 'k3f9a', version: 80, parts: [40, 40, 0] }, oneFurther)).toBe(false);
    expect(isAheadOf({ epoch: 'other', version: 900, parts: [900, 0, 0] }, oneFurther)).toBe(false);
  });
});
