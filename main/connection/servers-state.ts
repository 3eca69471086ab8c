import type { ConnectionStatus, ServerLabel } from '../../common/connection.ts';
import type { Mailbox } from '../../common/protocol.ts';
import type { AnswerCut, ServerStatusView } from '../ipc-snapshot.ts';

/**
 * More than one server (issue 22): each is polled on its own, and this file
 * says, as pure functions, what the app shows of them together: one list of
 * mailboxes whose ids never collide, one connection state, and one state per
 * server.
 */

/** The bundled server's key. Its mailboxes keep their account ids, which can hold no "/". */
export const BUNDLED_KEY = 'bundled';

/**
 * The app's id of a server's mailbox: the bundled server's as it is (an
 * account id), a remote server's as `<serverKey>/<id>`. The protocol's ids
 * hold no "/", so two servers' ids never collide and the key is always
 * recoverable.
 */
export function appMailboxId(serverKey: string, id: string): string {
  return serverKey === BUNDLED_KEY ? id : `${serverKey}/${id}`;
}

/** The server and its own id for an app mailbox id (`appMailboxId`'s inverse). */
export function splitMailboxId(appId: string): { serverKey: string; id: string } {
  const slash = appId.indexOf('/');
  return slash < 0 ? { serverKey: BUNDLED_KEY, id: appId } : { serverKey: appId.slice(0, slash), id: appId.slice(slash + 1) };
}

/** One followed server as the app knows it at a moment. */
export interface ServerState {
  key: string;
  /** The name the user gave it; '' for the bundled server (the window words that one). */
  name: string;
  connection: ConnectionStatus;
  /** Its last answer's mailboxes, with the server's own ids; kept (stale) while it is not live. */
  mailboxes: readonly Mailbox[];
  /** When it last vouched for its counts (see AppStatus.countsConfirmedAt). */
  confirmedAt: number | null;
  cut?: AnswerCut | undefined;
}

/** A mailbox in the merged list: its app id, and the key of the server it is from. */
export type ServerMailbox = Mailbox & { server: string };

/** Every server's mailboxes in one list, in the servers' order, ids made unique by `appMailboxId`. */
export function mergedMailboxes(servers: readonly ServerState[]): ServerMailbox[] {
  return servers.flatMap((server) => server.mailboxes.map((mailbox) => ({
    ...mailbox, id: appMailboxId(server.key, mailbox.id), server: server.key,
  })));
}

/** What was left out of the servers' answers, added up; undefined when nothing was. */
export function mergedCut(servers: readonly ServerState[]): AnswerCut | undefined {
  const cuts = servers.flatMap((server) => (server.cut ? [server.cut] : []));
  if (cuts.length === 0) return undefined;
  return cuts.reduce((sum, cut) => ({
    mailboxesSent: sum.mailboxesSent + cut.mailboxesSent,
    mailboxesShown: sum.mailboxesShown + cut.mailboxesShown,
    textsShortened: sum.textsShortened + cut.textsShortened,
    messagesLeftOut: sum.messagesLeftOut + cut.messagesLeftOut,
  }));
}

/**
 * The one connection state of the tray and the window's top line. One server:
 * its own. Several: live when all are; `partial` when some are live and some
 * not (the live ones' counts are current); when none is live, the state they
 * share, else the one that matters most to the user: retrying (the soonest
 * try), then a refused token, then connecting.
 */
export function overallConnection(servers: readonly ServerState[]): ConnectionStatus {
  if (servers.length === 1) return servers[0]!.connection;
  const label: ServerLabel = {
    mode: 'several',
    label: servers.map((server) => server.name || server.connection.server.label).join(', '),
    isInsecure: servers.some((server) => server.connection.server.isInsecure),
    servers: servers.length,
  };
  // No server followed (all switched off in the settings): nothing is coming, nothing is wrong.
  if (servers.length === 0) return { state: 'live', server: label };
  const states = servers.map((server) => server.connection);
  const live = states.filter((connection) => connection.state === 'live').length;
  if (live === states.length) return { state: 'live', server: label };
  if (live > 0) return { state: 'partial', server: label, live, of: states.length };
  if (states.every((connection) => connection.state === 'offline')) return { state: 'offline', server: label };
  const retrying = states.flatMap((connection) => (connection.state === 'retrying' ? [connection] : []));
  if (retrying.length > 0) {
    const soonest = retrying.reduce((a, b) => (b.nextTryAt < a.nextTryAt ? b : a));
    return { ...soonest, server: label };
  }
  const refused = states.find((connection) => connection.state === 'auth-failed');
  if (refused) return { ...refused, server: label };
  return { state: 'connecting', server: label };
}

/**
 * When the counts shown were last all confirmed: with one server its own
 * moment; with several, the oldest moment among the servers that are not
 * live (the live ones' counts are current), or while all are live the oldest
 * of their last answers; null before every live server has answered, and
 * when no server that is down ever answered. `mailtray watch --once` waits
 * for it: with several servers all live, it must not stay null.
 */
export function overallConfirmedAt(servers: readonly ServerState[]): number | null {
  if (servers.length === 1) return servers[0]!.confirmedAt;
  const stale = servers.filter((server) => server.connection.state !== 'live');
  if (stale.length === 0) {
    const moments = servers.map((server) => server.confirmedAt);
    return moments.length === 0 || moments.includes(null) ? null : Math.min(...(moments as number[]));
  }
  const known = stale.map((server) => server.confirmedAt).filter((at): at is number => at !== null);
  return known.length === 0 ? null : Math.min(...known);
}

/** Each server's state for the window and the tray, with the total of its mailboxes counted in the total. */
export function serverViews(servers: readonly ServerState[], isInTotal: (appId: string) => boolean): ServerStatusView[] {
  return servers.map((server) => ({
    key: server.key,
    name: server.name,
    connection: server.connection,
    countsConfirmedAt: server.confirmedAt,
    total: server.mailboxes.reduce((sum, m) => sum + (isInTotal(appMailboxId(server.key, m.id)) ? m.count : 0), 0),
  }));
}
