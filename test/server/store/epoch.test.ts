import { expect, it } from 'vitest';
import { formatCursor, newEpoch, parseCursor } from '../../../server/store/cursor.ts';

// The Redis store offers a new epoch candidate with every change (set-many.lua adopts it
// only when Redis lost the data): they are drawn many at a time, and must each still be new.
it('epoch candidates drawn many at a time are each new, and each makes a cursor a client can send back', () => {
  const epochs = Array.from({ length: 20_000 }, () => newEpoch());
  expect(new Set(epochs).size).toBe(epochs.length);
  for (const epoch of epochs.slice(0, 200)) {
    expect(epoch).toMatch(/^[0-9a-v]{10}$/);
    expect(parseCursor(formatCursor({ epoch, version: 3 }))).toEqual({ epoch, version: 3 });
  }
  // Every base-32 digit turns up in every position: no byte is reused in a pattern.
  for (let position = 0; position < 10; position++) expect(new Set(epochs.map((e) => e[position])).size).toBe(32);
});
