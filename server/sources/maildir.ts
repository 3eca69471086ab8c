import { access } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConfigError, join as at, type JsonObject } from '../config-check.ts';
import { DEFAULT_MESSAGES_PER_MAILBOX, type MailboxUpdate } from '../../common/protocol.ts';
import type { WatchedFolder } from './directory-watcher.ts';
import { expandPath, fileProblem } from './file-paths.ts';
import { readCountFilter, type CountFilter } from './filter/count-filter.ts';
import { FolderError, unseenFiles } from './maildir-count.ts';
import { MaildirFilter } from './maildir-filter.ts';
import { markSeen, type UnseenFile } from './maildir-messages.ts';
import { MaildirMessages } from './maildir-summaries.ts';
import type { MarkOutcome, MarkRequest, Source, SourceContext, SourceState, SourceType } from './source.ts';
import { setOne } from '../store/store.ts';
import { realTimers } from '../../common/timers.ts';
import { WatchedRecount, type WatchedRecountOptions } from './watched-recount.ts';

export interface MaildirConfig {
  /** The Maildir's root, `~` expanded. */
  path: string;
  mailbox: string;
  name: string | undefined;
  /** Whether the root's own new/ and cur/ (the inbox) count. */
  inbox: boolean;
  /** Maildir++ sub-folders (`.Work`) whose unread mail is added. */
  folders: string[];
  recountSeconds: number;
  /** Which unread messages count; all of them without one. */
  filter?: CountFilter;
}

export type MaildirOptions = WatchedRecountOptions;

/** A maildir entry as config.schema.json lets it be, its defaults filled in. */
interface CheckedMaildirEntry {
  path: string;
  mailbox: string;
  name?: string;
  inbox: boolean;
  folders?: string[];
  recountSeconds: number;
  filter?: unknown;
}

export const maildirSourceType: SourceType<MaildirConfig> = {
  type: 'maildir',
  // The schema checked every field and filled in the defaults; the reader finds the folder and words the one rule between fields.
  parse(raw: JsonObject, where: string): MaildirConfig {
    const entry = raw as unknown as CheckedMaildirEntry;
    const folders = entry.folders ?? [];
    if (!entry.inbox && folders.length === 0) throw new ConfigError(at(where, 'folders'), 'with "inbox": false, name at least one folder to count');
    const config: MaildirConfig = {
      path: expandPath(entry.path),
      mailbox: entry.mailbox,
      name: entry.name,
      inbox: entry.inbox,
      folders,
      recountSeconds: entry.recountSeconds,
    };
    const filter = readCountFilter(entry.filter, at(where, 'filter'), false);
    return filter ? { ...config, filter } : config;
  },
  mailboxes: (config) => [{ id: config.mailbox, name: config.name ?? config.mailbox }],
  create: (config, context) => new MaildirSource(config, context),
};

/** Watches one Maildir (and chosen sub-folders) and sets its unread count. */
export class MaildirSource implements Source {
  readonly #config: MaildirConfig;
  readonly #context: SourceContext;
  readonly #watch: WatchedRecount;
  readonly #messages: MaildirMessages;
  readonly #filter: MaildirFilter | undefined;
  readonly #now: () => number;
  #state: SourceState = 'pending';

  constructor(config: MaildirConfig, context: SourceContext, options: MaildirOptions = {}) {
    this.#config = config;
    this.#context = context;
    this.#messages = new MaildirMessages(config.path, context.messagesPerMailbox ?? DEFAULT_MESSAGES_PER_MAILBOX);
    this.#filter = config.filter ? new MaildirFilter(config.filter) : undefined;
    this.#now = () => (options.timers ?? realTimers).now();
    this.#watch = new WatchedRecount({
      folders: () => this.#watched(),
      recount: () => this.#recount(),
      everyMs: config.recountSeconds * 1000,
      log: context.log,
    }, options);
  }

  start(): Promise<void> {
    return this.#watch.start();
  }

  stop(): Promise<void> {
    return this.#watch.stop();
  }

  state(): SourceState {
    return this.#state;
  }

  /** The folders whose mail counts: the root (the inbox) and the chosen sub-folders. */
  #folders(): string[] {
    const { path, inbox, folders } = this.#config;
    return [...(inbox ? [path] : []), ...folders.map((f) => join(path, f))];
  }

  #watched(): WatchedFolder[] {
    const { path, folders } = this.#config;
    return [
      // The parent sees the whole Maildir renamed away and back, or made at last.
      { path: dirname(path), names: [basename(path)] },
      { path, names: ['new', 'cur', ...folders] },
      ...folders.map((f) => ({ path: join(path, f), names: ['new', 'cur'] })),
      ...this.#folders().flatMap((f) => [{ path: join(f, 'new') }, { path: join(f, 'cur') }]),
    ];
  }

  async #recount(): Promise<boolean> {
    let update: MailboxUpdate;
    try {
      const unseen = await this.#unseen();
      update = { id: this.#config.mailbox, count: unseen.length, state: 'ok', messages: await this.#messages.newest(unseen) };
    } catch (error) {
      update = { id: this.#config.mailbox, state: 'error', error: await this.#describe(error), errorKind: 'folder', errorFacts: { folder: this.#config.path } };
    }
    await this.#report(update);
    return update.state === 'ok';
  }

  /** Names the outermost folder that is missing or unreadable, which is the one to fix. */
  async #describe(error: unknown): Promise<string> {
    if (!(error instanceof FolderError)) return `cannot count the Maildir ${this.#config.path}: ${fileProblem(error)}`;
    for (const folder of [this.#config.path, ...this.#folders()]) {
      if (!error.path.startsWith(`${folder}/`)) continue;
      try {
        await access(folder);
      } catch (outer) {
        return `cannot read the Maildir folder ${folder}: ${fileProblem(outer)}`;
      }
    }
    return `cannot read the Maildir folder ${error.path}: ${error.problem}`;
  }

  /** The unread messages that count: all of them, or those the filter takes. */
  async #unseen(): Promise<UnseenFile[]> {
    const unseen = (await Promise.all(this.#folders().map((folder) => unseenFiles(folder)))).flat();
    return this.#filter ? this.#filter.matching(unseen, this.#now()) : unseen;
  }

  /** Marks messages seen by renaming them with `S`; the watch then recounts, as for a mail client's rename. */
  async markRead(_mailboxId: string, request: MarkRequest): Promise<MarkOutcome> {
    let marked = 0;
    try {
      const unseen = await this.#unseen();
      const wanted = 'all' in request ? unseen : unseen.filter((file) => request.ids.includes(this.#messages.idOf(file)));
      for (const file of wanted) if (await markSeen(file)) marked += 1;
    } catch (error) {
      // The Maildir went away or cannot be written: the client hears the sentence
      // the mailbox's error shows (or soon will), and what was marked before stays marked.
      const why = error instanceof FolderError ? await this.#describe(error)
        : `cannot mark messages read in the Maildir ${this.#config.path}: ${fileProblem(error)}`;
      return { failed: marked === 0 ? why : `${why} (${marked} marked before that)` };
    }
    return { marked };
  }

  async #report(update: MailboxUpdate): Promise<void> {
    const { log, store } = this.#context;
    const state = update.state ?? 'ok';
    if (state !== this.#state) {
      if (state === 'error') log.warn({ mailbox: update.id }, update.error ?? 'the Maildir cannot be read');
      else if (this.#state === 'error') log.info({ mailbox: update.id }, 'the Maildir can be read again');
    }
    this.#state = state;
    await setOne(store, update);
  }
}
