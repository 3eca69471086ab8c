import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { JsonObject } from '../config-check.ts';
import type { MailboxUpdate } from '../../common/protocol.ts';
import { parseCounts, type CountsFormat } from './counts-file-parse.ts';
import { expandPath, fileProblem } from './file-paths.ts';
import type { Source, SourceContext, SourceState, SourceType } from './source.ts';
import { WatchedRecount, type WatchedRecountOptions } from './watched-recount.ts';

export interface CountsFileConfig {
  /** The file, `~` expanded. */
  path: string;
  /** Left out: text starting with `{` is JSON, anything else lines. */
  format: CountsFormat | undefined;
  /** Mailboxes expected in the file: `pending` from the start, and told when the file is broken before its first good read. */
  mailboxes: string[];
  recountSeconds: number;
}

export type CountsFileOptions = WatchedRecountOptions;

/** A counts-file entry as config.schema.json lets it be, its defaults filled in. */
interface CheckedCountsFileEntry {
  path: string;
  format?: CountsFormat;
  mailboxes?: string[];
  recountSeconds: number;
}

export const countsFileSourceType: SourceType<CountsFileConfig> = {
  type: 'counts-file',
  // The schema checked every field and filled in the defaults; the reader only finds the file.
  parse(raw: JsonObject): CountsFileConfig {
    const entry = raw as unknown as CheckedCountsFileEntry;
    return {
      path: expandPath(entry.path),
      format: entry.format,
      mailboxes: [...new Set(entry.mailboxes ?? [])],
      recountSeconds: entry.recountSeconds,
    };
  },
  mailboxes: (config) => config.mailboxes.map((id) => ({ id, name: id })),
  findsMailboxes: true,
  create: (config, context) => new CountsFileSource(config, context),
};

/**
 * Sets the counts a file says, whoever writes it: a cron job, a script, an
 * editor. A broken file changes no count; it puts its problem on the
 * mailboxes it feeds until a good version is written.
 */
export class CountsFileSource implements Source {
  readonly #config: CountsFileConfig;
  readonly #context: SourceContext;
  readonly #file: string;
  readonly #watch: WatchedRecount;
  /** The counts of the last good read. */
  #counts = new Map<string, number>();
  /** Every mailbox the file has fed since the start, so one that disappears is told. */
  readonly #fed = new Set<string>();
  #problem: string | undefined;
  #state: SourceState = 'pending';

  constructor(config: CountsFileConfig, context: SourceContext, options: CountsFileOptions = {}) {
    this.#config = config;
    this.#context = context;
    this.#file = basename(config.path);
    this.#watch = new WatchedRecount({
      // The folder is watched, not the file: editors and `mv` replace the file
      // by rename, which a watch on the old file's inode would never see.
      folders: () => [{ path: dirname(config.path), names: [this.#file] }],
      recount: () => this.#read(),
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

  problem(): string | undefined {
    return this.#problem;
  }

  async #read(): Promise<boolean> {
    let text: string;
    try {
      text = await readFile(this.#config.path, 'utf8');
    } catch (error) {
      return this.#fail(`cannot read ${this.#config.path}: ${fileProblem(error)}`);
    }
    const parsed = parseCounts(text, this.#file, this.#config.format, this.#context.messagesPerMailbox);
    if (parsed.problem !== undefined) return this.#fail(parsed.problem);

    const updates: MailboxUpdate[] = [];
    for (const [id, count] of parsed.counts) {
      const messages = parsed.messages?.get(id);
      updates.push(messages ? { id, count, state: 'ok', messages } : { id, count, state: 'ok' });
    }
    for (const id of new Set([...this.#config.mailboxes, ...this.#fed])) {
      if (parsed.counts.has(id)) continue;
      const error = this.#fed.has(id) ? `no longer in ${this.#file}` : `not in ${this.#file}`;
      updates.push({ id, state: 'error', error, errorKind: 'setup', errorFacts: { file: this.#file } });
    }
    for (const id of parsed.counts.keys()) this.#fed.add(id);
    this.#counts = parsed.counts;
    if (this.#problem !== undefined) this.#context.log.info({ file: this.#config.path }, 'the counts file is good again');
    this.#problem = undefined;
    this.#state = 'ok';
    await this.#context.store.setMany(updates);
    return true;
  }

  /** Keeps every count; puts the problem on the mailboxes the last good read fed (and the expected ones). */
  async #fail(problem: string): Promise<boolean> {
    if (problem !== this.#problem) this.#context.log.warn({ file: this.#config.path }, problem);
    this.#problem = problem;
    this.#state = 'error';
    const ids = new Set([...this.#config.mailboxes, ...this.#counts.keys()]);
    // A missing, unreadable or malformed file: the source cannot work as set up until the file is fixed.
    const failed = { state: 'error' as const, error: problem, errorKind: 'setup' as const, errorFacts: { file: this.#file } };
    await this.#context.store.setMany([...ids].map((id) => ({ id, ...failed })));
    return false;
  }
}
