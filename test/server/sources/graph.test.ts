import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CountsAnswer, Mailbox } from '../../../common/protocol.ts';
import { silentLogger } from '../../../server/log.ts';
import type { RunningServer } from '../../../server/run/start.ts';
import { parseGraphConfig } from '../../../server/sources/graph/graph-config.ts';
import { GraphSource } from '../../../server/sources/graph/graph-source.ts';
import { MemoryStore } from '../../../server/store/memory-store.ts';
import { FakeTimers } from '../../helpers/fake-timers.ts';
import { startGraphStandIn, type GraphStandIn, type GraphStandInOptions } from '../../helpers/graph-stand-in.ts';
import { appClientId, startOAuthServer, type OAuthServer } from '../../helpers/oauth-server.ts';
import { checkedEntry } from '../../helpers/source-entry.ts';
import { clientToken, pollUntil, startSourceServer } from '../../helpers/source-server.ts';

/*
 * The Graph source against the Graph stand-in (Graph cannot run here), with
 * access tokens from a real authorization server (oidc-provider) that the
 * stand-in checks by introspection, as Graph checks Microsoft's. Rounds are
 * stepped with fake timers.
 */

const START = Date.parse('2026-12-04T10:00:00Z');
const at = (minutesAgo: number) => new Date(START - minutesAgo * 60_000).toISOString();

describe('a Microsoft Graph mailbox (Graph stand-in, real authorization server)', () => {
  let oauth: OAuthServer;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    oauth = await startOAuthServer();
  });
  afterEach(async () => {
    await Promise.allSettled(cleanups.splice(0).reverse().map((c) => c()));
  });
  afterAll(async () => {
    await oauth?.stop();
  });

  const standIn = async (options: GraphStandInOptions = { acceptToken: (token) => oauth.isActive(token) }): Promise<GraphStandIn> => {
    const graph = await startGraphStandIn(options);
    cleanups.push(() => graph.stop());
    return graph;
  };

  const entry = (graph: GraphStandIn, refreshToken: string, extra: Record<string, unknown> = {}) => ({
    type: 'graph', mailbox: 'box', user: 'ann@contoso.example', graphUrl: graph.graphUrl,
    auth: { type: 'oauth2', tokenUrl: oauth.tokenUrl, clientId: appClientId, refreshToken, scope: 'openid offline_access email mail' },
    ...extra,
  });

  /** A source on fake timers, pages of 3: `check()` runs the next scheduled round and resolves with the mailbox after it. */
  const watch = async (graph: GraphStandIn, extra: Record<string, unknown> = {}, refreshToken?: string) => {
    const token = refreshToken ?? await oauth.refreshTokenFor('ann@contoso.example');
    const config = parseGraphConfig(checkedEntry(entry(graph, token, extra)), 'sources[0]', {});
    const store = new MemoryStore();
    await store.declare([{ id: 'box', name: 'Box' }]);
    const timers = new FakeTimers(START);
    const source = new GraphSource(config, { store, log: silentLogger, messagesPerMailbox: 3 }, { timers, random: () => 0.5, pageSize: 3 });
    cleanups.push(() => source.stop());
    const box = async (): Promise<Mailbox> => (await store.snapshot(['box'])).mailboxes[0]!;
    await source.start();
    await source.settled();
    return {
      source, timers, box, refreshToken: token,
      async check(): Promise<Mailbox> {
        timers.runNext();
        await source.settled();
        return box();
      },
    };
  };

  const deltaRequests = (graph: GraphStandIn) => graph.requests.filter((r) => r.path.endsWith('/messages/delta'));

  it('counts the unread mail of the inbox and of a folder named by its display names, the newest first, over paged delta rounds', async () => {
    const graph = await standIn();
    const inbox = graph.folderId('inbox');
    const projects = graph.addFolder('Projects');
    const y2026 = graph.addFolder('2026', { parent: projects });
    graph.deliver(inbox, { from: 'old@contoso.example', subject: 'read already', receivedDateTime: at(50), isRead: true });
    for (let i = 1; i <= 4; i += 1) graph.deliver(inbox, { from: 'bob@contoso.example', name: 'Bob', subject: `inbox ${i}`, receivedDateTime: at(40 - i) });
    graph.deliver(y2026, { from: 'kim@example.co.kr', name: '김철수', subject: '회의 자료', receivedDateTime: at(5) });
    graph.deliver(y2026, { from: 'eve@contoso.example', subject: 'long ago, still unread', receivedDateTime: at(60 * 24 * 45) });

    const graphWatch = await watch(graph, { folders: ['inbox', 'Projects/2026'] });
    const box = await graphWatch.box();
    // The count is Graph's unreadItemCount (the old message too); the list holds the last 30 days, newest first.
    expect(box).toMatchObject({ state: 'ok', count: 6 });
    expect(box.messages!.map(({ from, subject, date }) => ({ from, subject, date }))).toEqual([
      { from: '김철수 <kim@example.co.kr>', subject: '회의 자료', date: at(5) },
      { from: 'Bob <bob@contoso.example>', subject: 'inbox 4', date: at(36) },
      { from: 'Bob <bob@contoso.example>', subject: 'inbox 3', date: at(37) },
    ]);
    // The inbox's five messages came in pages of three: a nextLink, then the deltaLink.
    const first = deltaRequests(graph).filter((r) => r.path.includes(inbox));
    expect(first.map((r) => [r.prefer, Object.keys(r.query).sort()])).toEqual([
      ['odata.maxpagesize=3', ['$filter', '$orderby', '$select']],
      ['odata.maxpagesize=3', ['$skiptoken']],
    ]);
    expect(first[0]!.query.$filter).toBe('receivedDateTime ge 2026-11-04T10:00:00Z');
    expect(graphWatch.timers.delays()[0]).toBe(60_000);

    // The next round asks only for what changed since (the deltaLink's token).
    const asked = graph.requests.length;
    graph.deliver(inbox, { from: 'carol@contoso.example', name: 'Carol', subject: 'just now', receivedDateTime: at(0) });
    const next = await graphWatch.check();
    expect(next.count).toBe(7);
    expect(next.messages![0]).toMatchObject({ from: 'Carol <carol@contoso.example>', subject: 'just now' });
    const round = graph.requests.slice(asked).filter((r) => r.path.endsWith('/messages/delta'));
    expect(round.map((r) => Object.keys(r.query))).toEqual([['$deltatoken'], ['$deltatoken']]);
  });

  it('a message read in Outlook, deleted or moved away leaves the count and the list at the next round', async () => {
    const graph = await standIn();
    const inbox = graph.folderId('inbox');
    const ids = ['one', 'two', 'three', 'four'].map((subject, i) => graph.deliver(inbox, { from: 'bob@contoso.example', subject, receivedDateTime: at(10 - i) }));
    const graphWatch = await watch(graph);
    expect(await graphWatch.box()).toMatchObject({ count: 4 });

    graph.readElsewhere(ids[3]!);
    graph.remove(ids[2]!);
    graph.move(ids[1]!, graph.folderId('archive'));
    const box = await graphWatch.check();
    expect(box).toMatchObject({ state: 'ok', count: 1 });
    expect(box.messages!.map((m) => m.subject)).toEqual(['one']);
    // Each of the three came back in the delta: one changed (isRead), two @removed.
    const last = deltaRequests(graph).at(-1)!;
    expect(last.query.$deltatoken).toBeDefined();
  });

  it('a throttled round (429 with Retry-After) waits as long as asked and keeps the count; throttled again, the mailbox says so', async () => {
    const graph = await standIn();
    graph.deliver(graph.folderId('inbox'), { from: 'bob@contoso.example', subject: 'hello', receivedDateTime: at(3) });
    const graphWatch = await watch(graph);
    expect(await graphWatch.box()).toMatchObject({ state: 'ok', count: 1 });

    graph.throttle(1, 429, 120);
    expect(await graphWatch.check()).toMatchObject({ state: 'ok', count: 1 });
    expect(graphWatch.timers.delays()[0]).toBe(120_000);
    const asked = graph.requests.length;
    graphWatch.timers.advance(119_000);
    await graphWatch.source.settled();
    expect(graph.requests.length).toBe(asked);
    graph.deliver(graph.folderId('inbox'), { from: 'bob@contoso.example', subject: 'again', receivedDateTime: at(1) });
    expect(await graphWatch.check()).toMatchObject({ state: 'ok', count: 2 });

    // 503 with Retry-After is Graph's other way to say "slow down"; twice in a row shows as `limit`.
    graph.throttle(2, 503, 45);
    expect(await graphWatch.check()).toMatchObject({ state: 'ok', count: 2 });
    const limited = await graphWatch.check();
    expect(limited).toMatchObject({ state: 'error', errorKind: 'limit', count: 2, errorFacts: { user: 'ann@contoso.example' } });
    expect(limited.errorFacts!.retryAt).toBe(new Date(graphWatch.timers.now() + 45_000).toISOString());
    expect(await graphWatch.check()).toMatchObject({ state: 'ok', count: 2 });
  });

  it('an access token Graph refuses before its time is refreshed once, and the round goes on', async () => {
    const graph = await standIn();
    graph.deliver(graph.folderId('inbox'), { from: 'bob@contoso.example', subject: 'hello', receivedDateTime: at(3) });
    const graphWatch = await watch(graph);
    expect(await graphWatch.box()).toMatchObject({ state: 'ok', count: 1 });
    const refreshes = oauth.tokenRequests().filter((r) => r.grant === 'refresh_token').length;

    graph.expireTokensSoFar();
    const asked = graph.requests.length;
    expect(await graphWatch.check()).toMatchObject({ state: 'ok', count: 1 });
    expect(oauth.tokenRequests().filter((r) => r.grant === 'refresh_token').length).toBe(refreshes + 1);
    const round = graph.requests.slice(asked);
    expect(round[0]!.status).toBe(401);
    expect(round.slice(1).every((r) => r.status === 200)).toBe(true);
    expect(round[1]!.token).not.toBe(round[0]!.token);
  });

  it('a revoked sign-in ends in auth-expired ("sign in again") and nothing is asked any more', async () => {
    const graph = await standIn();
    graph.deliver(graph.folderId('inbox'), { from: 'bob@contoso.example', subject: 'hello', receivedDateTime: at(3) });
    const graphWatch = await watch(graph);
    expect(await graphWatch.box()).toMatchObject({ state: 'ok', count: 1 });

    await oauth.revoke(graphWatch.refreshToken);
    graph.expireTokensSoFar();
    const box = await graphWatch.check();
    expect(box).toMatchObject({ state: 'error', errorKind: 'auth-expired', count: 1 });
    expect(box.error).toMatch(/^ann@contoso\.example: the sign-in is no longer accepted .*invalid_grant.*sign in again$/);
    expect(graphWatch.timers.pending.size).toBe(0);
    expect(await graphWatch.source.markRead('box', { all: true })).toEqual({ failed: box.error });
  });

  it('an access token refused even after a refresh is auth-expired too: the grant is no good', async () => {
    const graph = await standIn({ acceptToken: () => false });
    const graphWatch = await watch(graph);
    const box = await graphWatch.box();
    expect(box).toMatchObject({ state: 'error', errorKind: 'auth-expired' });
    expect(box.error).toContain('even after a refresh (InvalidAuthenticationToken');
    expect(graph.requests.map((r) => r.status)).toEqual([401, 401]);
    expect(graphWatch.timers.pending.size).toBe(0);
  });

  it('a delta token Graph no longer knows (410 syncStateNotFound) starts a full round, and the list is right again', async () => {
    const graph = await standIn();
    const inbox = graph.folderId('inbox');
    const first = graph.deliver(inbox, { from: 'bob@contoso.example', subject: 'first', receivedDateTime: at(9) });
    const graphWatch = await watch(graph);
    expect((await graphWatch.box()).messages!.map((m) => m.subject)).toEqual(['first']);

    graph.loseSyncState();
    graph.readElsewhere(first);
    graph.deliver(inbox, { from: 'bob@contoso.example', subject: 'second', receivedDateTime: at(2) });
    const asked = graph.requests.length;
    const box = await graphWatch.check();
    expect(box).toMatchObject({ state: 'ok', count: 1 });
    expect(box.messages!.map((m) => m.subject)).toEqual(['second']);
    const round = graph.requests.slice(asked).filter((r) => r.path.endsWith('/messages/delta'));
    expect(round.map((r) => [r.status, Object.keys(r.query).sort()])).toEqual([
      [410, ['$deltatoken']],
      [200, ['$filter', '$orderby', '$select']],
    ]);
  });

  it('marks read by PATCHing isRead: chosen messages, unknown ids skipped, then all (old ones too); the count follows at once', async () => {
    const graph = await standIn();
    const inbox = graph.folderId('inbox');
    const old = graph.deliver(inbox, { from: 'eve@contoso.example', subject: 'old', receivedDateTime: at(60 * 24 * 40) });
    const a = graph.deliver(inbox, { from: 'bob@contoso.example', subject: 'a', receivedDateTime: at(4) });
    const b = graph.deliver(inbox, { from: 'bob@contoso.example', subject: 'b', receivedDateTime: at(3) });
    const c = graph.deliver(inbox, { from: 'bob@contoso.example', subject: 'c', receivedDateTime: at(2) });
    const graphWatch = await watch(graph);
    expect(await graphWatch.box()).toMatchObject({ count: 4 });

    expect(await graphWatch.source.markRead('box', { ids: [b, `${b}X`, old] })).toEqual({ marked: 1 });
    expect(graph.isRead(b)).toBe(true);
    // `old` is outside the list Mailtray showed: a client cannot mark what it was never shown.
    expect(graph.isRead(old)).toBe(false);
    expect(graph.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([`/me/messages/${b}`]);
    await graphWatch.source.settled();
    const after = await graphWatch.box();
    expect(after.count).toBe(3);
    expect(after.messages!.map((m) => m.subject)).toEqual(['c', 'a']);

    expect(await graphWatch.source.markRead('box', { all: true })).toEqual({ marked: 3 });
    expect([old, a, c].map((id) => graph.isRead(id))).toEqual([true, true, true]);
    await graphWatch.source.settled();
    expect(await graphWatch.box()).toMatchObject({ state: 'ok', count: 0, messages: [] });
  });

  it('a folder that is not there is a `folder` error naming it', async () => {
    const graph = await standIn();
    const graphWatch = await watch(graph, { folders: ['inbox', 'Clients/Acme'] });
    const box = await graphWatch.box();
    expect(box).toMatchObject({ state: 'error', errorKind: 'folder', errorFacts: { folder: 'Clients/Acme' } });
    expect(box.error).toMatch(/^ann@contoso\.example has no folder "Clients\/Acme": there is no folder "Clients"; retrying in 15 min$/);
  });

  it('through the count server: a graph entry is watched at start, and POST /v1/mailboxes/box/read marks at Graph', async () => {
    const graph = await standIn();
    const inbox = graph.folderId('inbox');
    const id = graph.deliver(inbox, { from: 'bob@contoso.example', name: 'Bob', subject: 'Lunch tomorrow?', receivedDateTime: new Date(Date.now() - 60_000).toISOString() });
    const server: RunningServer = await startSourceServer([entry(graph, await oauth.refreshTokenFor('ann@contoso.example'))], {
      clients: [{ name: 'app', token: clientToken, mailboxes: '*', canMarkRead: true }],
    });
    cleanups.push(() => server.stop());
    const box = (answer: CountsAnswer) => answer.mailboxes.find((m) => m.id === 'box')!;
    const first = await pollUntil(server, (answer) => box(answer).state === 'ok');
    expect(box(first)).toMatchObject({ count: 1, canMarkRead: true, messages: [{ id, from: 'Bob <bob@contoso.example>', subject: 'Lunch tomorrow?' }] });

    const response = await fetch(`${server.url}/v1/mailboxes/box/read`, {
      method: 'POST', headers: { Authorization: `Bearer ${clientToken}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ messages: [id] }),
    });
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 200, body: { marked: 1 } });
    const after = await pollUntil(server, (answer) => box(answer).count === 0);
    expect(box(after).messages).toEqual([]);
  });
});
