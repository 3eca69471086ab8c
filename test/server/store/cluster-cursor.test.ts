import { describe, expect, it } from 'vitest';
import { formatCursor, parseCursor } from '../../../server/store/cursor.ts';
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
