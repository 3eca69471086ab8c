import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokens, type TestServer } from '../helpers/count-server.ts';
import { storeKinds, useStore } from '../helpers/stores.ts';
import { setOne } from '../../server/store/store.ts';

// DESIGN.md, "Why a mailbox fails, as data": the kind and facts travel with the sentence.
describe.each(storeKinds)('why a mailbox fails, on the %s store', (kind) => {
  const stores = useStore(kind);
  let server: TestServer;
  beforeEach(async () => { server = await stores.start(); });
  afterEach(async () => { await server.stop(); });
  const ann = async () => (await server.counts(tokens.ann)).mailboxes.find((m) => m.id === 'ann')!;
  const loginFailed = {
    id: 'ann', state: 'error', error: 'login failed for ann@example.com: the server said AUTHENTICATIONFAILED',
    errorKind: 'auth', errorFacts: { user: 'ann@example.com', host: 'imap.example.com' },
  } as const;

  it('a mailbox in error answers its errorKind and errorFacts beside its sentence, and a count clears all three', async () => {
    await server.setCount('ann', 2);
    await setOne(server.server.store, loginFailed);
    expect(await ann()).toMatchObject({ ...loginFailed, count: 2 });
    await server.setCount('ann', 3);
    const fine = await ann();
    expect(fine.state).toBe('ok');
    expect(fine).not.toHaveProperty('error');
    expect(fine).not.toHaveProperty('errorKind');
    expect(fine).not.toHaveProperty('errorFacts');
  });

  it('a change of kind or facts alone moves the cursor; the same error again does not', async () => {
    await setOne(server.server.store, loginFailed);
    const first = await server.counts(tokens.ann);
    expect(await setOne(server.server.store, { ...loginFailed, errorFacts: { host: 'imap.example.com', user: 'ann@example.com' } })).toBe(false);
    expect((await server.counts(tokens.ann)).cursor).toBe(first.cursor);
    expect(await setOne(server.server.store, { ...loginFailed, errorKind: 'auth-expired' })).toBe(true);
    const second = await server.counts(tokens.ann);
    expect(second.cursor).not.toBe(first.cursor);
    expect(await setOne(server.server.store, { ...loginFailed, errorKind: 'auth-expired', errorFacts: { user: 'ann@example.com' } })).toBe(true);
    expect((await server.counts(tokens.ann)).cursor).not.toBe(second.cursor);
    expect(await ann()).toMatchObject({ errorKind: 'auth-expired', errorFacts: { user: 'ann@example.com' } });
  });

  it('a new sentence without a kind drops the old kind; an update with neither keeps it', async () => {
    await setOne(server.server.store, loginFailed);
    await setOne(server.server.store, { id: 'ann', state: 'error' });
    expect(await ann()).toMatchObject(loginFailed);
    await setOne(server.server.store, { id: 'ann', state: 'error', error: 'the source failed' });
    const generic = await ann();
    expect(generic).toMatchObject({ state: 'error', error: 'the source failed' });
    expect(generic).not.toHaveProperty('errorKind');
    expect(generic).not.toHaveProperty('errorFacts');
  });

  it('a reload that renames a mailbox in error keeps its kind and facts', async () => {
    await setOne(server.server.store, loginFailed);
    await server.server.store.declare([{ id: 'ann', name: 'Ann (home)' }]);
    expect(await ann()).toMatchObject({ ...loginFailed, name: 'Ann (home)' });
  });

  it('ingest cannot set an error kind: the body is refused', async () => {
    const response = await server.put('ann', { count: 1, errorKind: 'auth' });
    expect(response.status).toBe(400);
  });
});
