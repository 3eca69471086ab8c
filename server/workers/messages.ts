/**
 * Every message between the primary and its workers, on the IPC channel of
 * child_process.fork: one typed contract both sides import.
 */
import type { MailboxUpdate } from '../../common/protocol.ts';
import type { StorePatch } from '../store/memory-table.ts';
import type { MarkRequest } from '../sources/source.ts';
import type { DeclaredMailbox } from '../store/store.ts';

/** The writes a worker's copy of the memory store forwards to the primary's store. */
export type StoreCall =
  | { method: 'setMany'; updates: MailboxUpdate[] }
  | { method: 'declare'; mailboxes: DeclaredMailbox[] }
  | { method: 'forget'; ids: string[] };

/** What a worker asks of the sources, which run in the primary on the memory store. */
export type SourcesCall =
  | { method: 'reports' }
  | { method: 'markRead'; id: string; request: MarkRequest };

/** A request's answer: `result`, or the error to throw (`full`: the store refused a new mailbox). */
export type Reply = { result: unknown } | { error: { kind: 'full' | 'other'; message: string } };

/**
 * The primary to a worker, on the store pipe (channel.ts), in order. The
 * first message a worker gets is the whole store as one patch, with the
 * store's epoch (`dump`); then `patches`: every write the primary applied in
 * one turn of its event loop, in order, encoded once for all workers. Each
 * names which of its entries' mailboxes have a source that can mark messages
 * read (`markable`). A worker's own write is answered by a reply sent after
 * the batch that holds its patch, so its copy has the write by then.
 */
export type ToWorker =
  /** Read the config file again and apply it (the primary got SIGHUP and found the file good). */
  | { type: 'reload' }
  /** Every worker listens: /healthz may say ok (until then the kernel gives new connections only to those that listen). */
  | { type: 'all-listening' }
  | { type: 'patch'; patch: StorePatch; markable: string[]; dump: { epoch: string; startedAt: string; deltaKey: string } }
  | { type: 'patches'; patches: StorePatch[]; markable: string[] }
  | ({ type: 'reply'; id: number } & Reply);

/** A worker to the primary. */
export type ToPrimary =
  | { type: 'listening'; port: number }
  /** The worker could not start; `code` is the listen error's (EADDRINUSE, ...). */
  | { type: 'failed'; message: string; code?: string }
  /** A worker's copy of the memory store asks for the dump, then every patch. */
  | { type: 'follow' }
  | { type: 'call'; id: number; call: StoreCall | SourcesCall };
