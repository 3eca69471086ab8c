import { describe, expect, it } from 'vitest';
import { senderName } from '../../common/sender-name.ts';

describe('the name a sender is shown by', () => {
  it.each([
    ['Alice Smith <alice@example.com>', 'Alice Smith'],
    ['"Smith, Alice" <alice@example.com>', 'Smith, Alice'],
    ['<alice@example.com>', 'alice@example.com'],
    ['alice@example.com', 'alice@example.com'],
    ['', 'Unknown sender'],
  ])('%j is shown as %j', (from, name) => {
    expect(senderName(from)).toBe(name);
  });
});
