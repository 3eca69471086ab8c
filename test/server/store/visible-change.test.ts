import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailbox, MailboxUpdate } from '../../../common/protocol.ts';
import { MemoryStore } from '../../../server/store/memory-store.ts';
import { RedisStore } from '../../../server/store/redis/redis-store.ts';
import type { Store } from '../../../server/store/store.ts';
import { visibleChange } from '../../../server/store/visible-change.ts';
import { startRedis, type TestRedis } from '../../helpers/redis.ts';
import { replicas } from '../../helpers/replica.ts';
import { storeKinds } from '../../helpers/stores.ts';

/** A step on mailbox `ann`: an update, or a config (re)load that declares it with a name. */
type Step = { update: Omit<MailboxUpdate, 'id'> } | { declare: string };

interface Case {
  name: string;
  /** What happened to `ann` before; none means it was never seen. */
  before: Step[];
  step: Step;
  /** Whether `ann`'s cursor (and the `*` cursor) moves. */
  moves: boolean;
}

const tom = { id: 'm1', from: 'Tom <tom@example.com>', subject: 'Lunch?', date: '2026-12-01T12:00:00.000Z' };
const sue = { id: 'm2', from: 'Sue <sue@example.com>', subject: 'Minutes', date: '2026-12-01T13:00:00.000Z' };
const ok3: Step = { update: { count: 3 } };
const failing: Step = { update: { state: 'error', error: 'wrong password', errorKind: 'auth', errorFacts: { user: 'ann', host: 'mail.example.com' } } };
const noted: Step = { update: { note: 'reports new mail late' } };
const listed: Step = { update: { messages: [tom] } };
const inFolders: Step = { update: { count: 3, folders: [{ name: 'INBOX', count: 1 }, { name: '받은편지함', count: 2 }] } };

/** What moves a cursor: the one table every store is held to. */
const cases: Case[] = [
  { name: 'the same count again', before: [ok3], step: { update: { count: 3 } }, moves: false },
  { name: 'the same count with state ok', before: [ok3], step: { update: { count: 3, state: 'ok' } }, moves: false },
  { name: 'a different count', before: [ok3], step: { update: { count: 4 } }, moves: true },
  { name: 'an update with nothing in it', before: [ok3], step: { update: {} }, moves: false },
  { name: 'a first update with nothing in it (the mailbox is made, pending)', before: [], step: { update: {} }, moves: false },
  { name: 'a first count', before: [], step: { update: { count: 0 } }, moves: true },
  { name: 'a new name', before: [ok3], step: { update: { name: 'Ann B.' } }, moves: true },
  { name: 'the same name', before: [ok3, { update: { name: 'Ann' } }], step: { update: { name: 'Ann' } }, moves: false },
  { name: 'a reload that renames it', before: [{ declare: 'Ann' }, ok3], step: { declare: 'Ann B.' }, moves: true },
  { name: 'a reload with the same name', before: [{ declare: 'Ann' }, ok3], step: { declare: 'Ann' }, moves: false },
  { name: 'a first declare (pending, nobody saw it)', before: [], step: { declare: 'Ann' }, moves: false },
  { name: 'an error', before: [ok3], step: failing, moves: true },
  { name: 'the same error again', before: [ok3, failing], step: failing, moves: false },
  { name: 'state error alone keeps the sentence, kind and facts', before: [ok3, failing], step: { update: { state: 'error' } }, moves: false },
  { name: 'another sentence', before: [ok3, failing], step: { update: { state: 'error', error: 'no such folder', errorKind: 'auth', errorFacts: { user: 'ann', host: 'mail.example.com' } } }, moves: true },
  { name: 'the same sentence, another kind', before: [ok3, failing], step: { update: { state: 'error', error: 'wrong password', errorKind: 'setup', errorFacts: { user: 'ann', host: 'mail.example.com' } } }, moves: true },
  { name: 'the same sentence and kind, other facts', before: [ok3, failing], step: { update: { state: 'error', error: 'wrong password', errorKind: 'auth', errorFacts: { user: 'bob', host: 'mail.example.com' } } }, moves: true },
  { name: 'the same facts in another order', before: [ok3, failing], step: { update: { state: 'error', error: 'wrong password', errorKind: 'auth', errorFacts: { host: 'mail.example.com', user: 'ann' } } }, moves: false },
  { name: 'the same sentence and kind without the facts', before: [ok3, failing], step: { update: { state: 'error', error: 'wrong password', errorKind: 'auth' } }, moves: true },
  { name: 'a count after an error (fine again)', before: [ok3, failing], step: { update: { count: 3 } }, moves: true },
  { name: 'a rename of a failing mailbox keeps its error', before: [ok3, failing], step: { update: { name: 'Ann B.' } }, moves: true },
  { name: 'a note', before: [ok3], step: noted, moves: true },
  { name: 'the same note again', before: [ok3, noted], step: { update: { count: 3, note: 'reports new mail late' } }, moves: false },
  { name: 'another note', before: [ok3, noted], step: { update: { note: 'checked every 60 s' } }, moves: true },
  { name: 'the note removed', before: [ok3, noted], step: { update: { note: '' } }, moves: true },
  { name: 'no note removed', before: [ok3], step: { update: { note: '' } }, moves: false },
  { name: 'the note left out', before: [ok3, noted], step: { update: { count: 3 } }, moves: false },
  { name: 'messages', before: [ok3], step: listed, moves: true },
  { name: 'the same messages again (every recount re-sends them)', before: [ok3, listed], step: { update: { count: 3, messages: [{ ...tom }] } }, moves: false },
  { name: 'another message', before: [ok3, listed], step: { update: { messages: [sue, tom] } }, moves: true },
  { name: 'a message with another subject', before: [ok3, listed], step: { update: { messages: [{ ...tom, subject: 'Dinner?' }] } }, moves: true },
  { name: 'the messages left out', before: [ok3, listed], step: { update: { count: 3 } }, moves: false },
  { name: 'no messages left', before: [ok3, listed], step: { update: { messages: [] } }, moves: true },
  { name: 'a breakdown by folder', before: [ok3], step: inFolders, moves: true },
  { name: 'the same breakdown again (every recount re-sends it)', before: [ok3, inFolders], step: { update: { count: 3, folders: [{ name: 'INBOX', count: 1 }, { name: '받은편지함', count: 2 }] } }, moves: false },
  { name: 'a mail moved between two folders (the sum stays)', before: [ok3, inFolders], step: { update: { count: 3, folders: [{ name: 'INBOX', count: 2 }, { name: '받은편지함', count: 1 }] } }, moves: true },
  { name: 'the breakdown left out', before: [ok3, inFolders], step: { update: { count: 3 } }, moves: false },
  { name: 'the breakdown removed (one folder now)', before: [ok3, inFolders], step: { update: { count: 3, folders: [] } }, moves: true },
  { name: 'no breakdown removed', before: [ok3], step: { update: { count: 3, folders: [] } }, moves: false },
];

const pending: Mailbox = { id: 'ann', name: 'ann', count: 0, state: 'pending', changedAt: '' };
const asUpdate = (step: Step): MailboxUpdate => ('declare' in step ? { id: 'ann', name: step.declare } : { id: 'ann', ...step.update });
const withoutTime = ({ changedAt: _, ...mailbox }: Mailbox) => mailbox;

/**
 * The pure rule on its own: what it says for each row, and what the mailbox
 * becomes. A first declare is no change whatever the name: the store makes the
 * mailbox pending and nobody saw it before (the stores ask the rule only for a known mailbox).
 */
function ruleSays(testCase: Case): { moves: boolean; after: Mailbox } {
  let mailbox: Mailbox | undefined;
  for (const step of testCase.before) mailbox = visibleChange(mailbox ?? pending, asUpdate(step)).after;
  const { after, isVisible } = visibleChange(mailbox ?? pending, asUpdate(testCase.step));
  return { moves: 'declare' in testCase.step && !mailbox ? false : isVisible, after };
}

describe('visibleChange, the one rule for what moves a cursor', () => {
  it.each(cases)('$name: moves is $moves', (testCase) => {
    expect(ruleSays(testCase).moves).toBe(testCase.moves);
  });
});

describe.each(storeKinds)('the %s store moves a cursor exactly when the table says', (kind) => {
  let redis: TestRedis | undefined;
  let n = 0;
  beforeAll(async () => { if (kind === 'redis') redis = await startRedis(); });
  afterAll(async () => { await redis?.stop(); });
  const open = async (): Promise<{ store: Store; close(): Promise<void> }> => {
    if (kind === 'memory') { const store = new MemoryStore(); return { store, close: () => store.close() }; }
    if (kind === 'redis') {
      const store = await RedisStore.connect({ url: redis!.url, prefix: `visible-${n += 1}:`, maxMailboxes: 100 });
      return { store, close: () => store.close() };
    }
    const { copies: [copy], closeChannels } = await replicas(1);
    return { store: copy!, close: async () => { await copy!.close(); closeChannels(); } };
  };
  const apply = async (store: Store, step: Step): Promise<string[] | undefined> => {
    if ('declare' in step) { await store.declare([{ id: 'ann', name: step.declare }]); return undefined; }
    return store.setMany([asUpdate(step)]);
  };

  it.each(cases)('$name: moves is $moves', async (testCase) => {
    const { store, close } = await open();
    try {
      for (const step of testCase.before) await apply(store, step);
      const [ann, all] = [await store.snapshot(['ann']), await store.snapshot('*')];
      const changed = await apply(store, testCase.step);
      const [annAfter, allAfter] = [await store.snapshot(['ann']), await store.snapshot('*')];
      expect(annAfter.cursor !== ann.cursor).toBe(testCase.moves);
      expect(allAfter.cursor !== all.cursor).toBe(testCase.moves);
      if (changed) expect(changed).toEqual(testCase.moves ? ['ann'] : []);
      // The store keeps what the rule makes of the mailbox (the Redis script merges in Lua).
      const kept = annAfter.mailboxes.find((m) => m.id === 'ann');
      const { after } = ruleSays(testCase);
      expect(kept && withoutTime(kept)).toEqual(withoutTime(after));
    } finally {
      await close();
    }
  });
});
