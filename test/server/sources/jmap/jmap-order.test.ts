import { expect, it } from 'vitest';
import { newestFirst } from '../../../../server/sources/jmap/jmap-source.ts';

// RFC 8620 section 5.1: a /get's list "MAY be in a different order to the ids in the request
// arguments". The window lists the newest first, whatever order the server answered in.
const older = { id: 'M1', subject: 'Lunch tomorrow?', receivedAt: '2026-12-05T08:00:00Z' };
const newer = { id: 'M2', subject: '안녕하세요', receivedAt: '2026-12-05T08:05:00Z' };

it('shows the newest message first, though Email/get answered with the older first', () => {
  expect(newestFirst([older, newer], ['M2', 'M1'])).toEqual([newer, older]);
  expect(newestFirst([newer, older], ['M2', 'M1'])).toEqual([newer, older]);
  // Even if the query itself put them the wrong way round.
  expect(newestFirst([older, newer], ['M1', 'M2'])).toEqual([newer, older]);
});

it('keeps the query\'s order for messages that arrived in the same second, or whose time is not given', () => {
  const a = { id: 'A', receivedAt: '2026-12-05T08:00:00Z' };
  const b = { id: 'B', receivedAt: '2026-12-05T08:00:00Z' };
  const c = { id: 'C' };
  const d = { id: 'D', receivedAt: 'yesterday' };
  expect(newestFirst([a, b], ['B', 'A'])).toEqual([b, a]);
  expect(newestFirst([d, c], ['C', 'D'])).toEqual([c, d]);
  expect(newestFirst([c, a, d], ['D', 'C', 'A'])).toEqual([a, d, c]);
  // Without the query's ids (a server that answered only /get), the order is by time, then as it came.
  expect(newestFirst([a, b, newer], undefined)).toEqual([newer, a, b]);
  expect(newestFirst('not a list', ['M1'])).toBe('not a list');
});
