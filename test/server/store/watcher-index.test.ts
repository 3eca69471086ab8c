import { describe, expect, it } from 'vitest';
import { LONG_VIEW, WatcherIndex, type Watcher } from '../../../server/store/watcher-index.ts';

const watcher = (view: Watcher['view']): Watcher => ({ view, onChange: () => {} });

describe('the index of held polls by the mailboxes they see', () => {
  it('a change wakes exactly the polls that see it, as polls on one mailbox come and go', () => {
    const index = new WatcherIndex();
    const [a, b, c] = [watcher(['ann']), watcher(['ann', 'bob']), watcher(['ann'])];
    const other = watcher(['bob']);
    index.add(a);
    expect(index.woken(['ann'])).toEqual(new Set([a]));
    index.add(b);
    index.add(c);
    index.add(other);
    expect(index.woken(['ann'])).toEqual(new Set([a, b, c]));
    expect(index.woken(['bob'])).toEqual(new Set([b, other]));
    expect(index.remove(a)).toBe(true);
    expect(index.remove(c)).toBe(true);
    expect(index.woken(['ann'])).toEqual(new Set([b]));
    // The last one leaving, and one coming back.
    expect(index.remove(b)).toBe(true);
    expect(index.woken(['ann'])).toEqual(new Set());
    expect(index.woken(['bob'])).toEqual(new Set([other]));
    index.add(a);
    expect(index.woken(['ann', 'bob'])).toEqual(new Set([a, other]));
    expect(index.size).toBe(2);
  });

  it('removing a poll twice, or one never added, changes nothing', () => {
    const index = new WatcherIndex();
    const [a, b] = [watcher(['ann']), watcher(['ann'])];
    index.add(a);
    expect(index.remove(b)).toBe(false);
    expect(index.remove(a)).toBe(true);
    expect(index.remove(a)).toBe(false);
    index.add(b);
    expect(index.woken(['ann'])).toEqual(new Set([b]));
  });

  it('"*" polls see every change, and long lists are checked through their Set', () => {
    const index = new WatcherIndex();
    const all = watcher('*');
    const long = watcher(Array.from({ length: LONG_VIEW + 1 }, (_, i) => `m${i}`));
    const one = watcher(['m3']);
    for (const w of [all, long, one]) index.add(w);
    expect(index.woken(['m3'])).toEqual(new Set([all, long, one]));
    expect(index.woken(['elsewhere'])).toEqual(new Set([all]));
    index.remove(long);
    expect(index.woken(['m3'])).toEqual(new Set([all, one]));
  });
});
