import type { Store } from '../../store/store.ts';
import type { ConfiguredSource, Source, SourceContext, SourceReport, SourceState } from '../source.ts';

interface Running {
  configured: ConfiguredSource;
  /** Undefined until its turn to start comes. */
  source: Source | undefined;
}

/**
 * Runs every source of the config in this process (on the memory store; on a
 * shared store each runs under a lease, leased-runner.ts). They start one after another, a pause apart, so
 * many IMAP logins do not land at once; a reload stops the ones whose config
 * entry went or changed, starts the new ones and leaves the rest running.
 */
export class InProcessRunner {
  readonly #store: Store;
  readonly #contextFor: (configured: ConfiguredSource) => SourceContext;
  readonly #spacingMs: number;
  #running: Running[] = [];
  /** The running entry of each mailbox its config declares, once started. */
  readonly #byMailbox = new Map<string, Running>();
  #starting: Promise<void> = Promise.resolve();
  #isStopped = false;

  constructor(store: Store, contextFor: (configured: ConfiguredSource) => SourceContext, spacingMs: number) {
    this.#store = store;
    this.#contextFor = contextFor;
    this.#spacingMs = spacingMs;
  }

  start(configured: readonly ConfiguredSource[]): void {
    const entries = configured.map((c) => ({ configured: c, source: undefined }));
    this.#running.push(...entries);
    this.#starting = this.#starting.then(() => this.#startInTurn(entries));
  }

  /** Applies a reloaded config's sources; says how many were kept, stopped and started. */
  async reload(next: readonly ConfiguredSource[]): Promise<{ kept: number; stopped: number; started: number }> {
    const unmatched = [...this.#running];
    const kept: Running[] = [];
    const added: ConfiguredSource[] = [];
    for (const configured of next) {
      const same = unmatched.findIndex((r) => r.configured.key === configured.key);
      if (same < 0) {
        added.push(configured);
        continue;
      }
      const [running] = unmatched.splice(same, 1);
      // Same entry, perhaps at another place in the list.
      running!.configured = { ...running!.configured, at: configured.at };
      kept.push(running!);
    }
    const counts = { kept: kept.length, stopped: unmatched.length, started: added.length };
    this.#running = kept;
    for (const [id, running] of this.#byMailbox) if (!kept.includes(running)) this.#byMailbox.delete(id);
    await Promise.allSettled(unmatched.map((r) => r.source?.stop()));
    this.start(added);
    return counts;
  }

  /** The started source that feeds a mailbox, for marking its messages read. */
  sourceOf(mailboxId: string): { type: string; source: Source } | undefined {
    const running = this.#byMailbox.get(mailboxId);
    return running?.source && { type: running.configured.type, source: running.source };
  }

  states(): SourceState[] {
    return this.#running.map((r) => r.source?.state() ?? 'pending');
  }

  async reports(): Promise<SourceReport[]> {
    return Promise.all(this.#running.map(async ({ configured, source }) => {
      const state = source?.state() ?? 'pending';
      const report: SourceReport = { type: configured.type, at: configured.at, state };
      const error = state === 'error' ? source?.problem?.() ?? await this.#mailboxError(configured) : undefined;
      if (error !== undefined) report.error = error;
      const note = source?.note?.();
      if (note !== undefined) report.note = note;
      return report;
    }));
  }

  /** Stops every source; waits for one still starting. */
  async stop(): Promise<void> {
    this.#isStopped = true;
    await this.#starting.catch(() => {});
    await Promise.allSettled(this.#running.map((r) => r.source?.stop()));
  }

  async #startInTurn(entries: Running[]): Promise<void> {
    for (const [i, entry] of entries.entries()) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, this.#spacingMs));
      // Stopped, or removed by a reload before its turn came.
      if (this.#isStopped || !this.#running.includes(entry)) continue;
      entry.source = entry.configured.create(this.#contextFor(entry.configured));
      for (const { id } of entry.configured.mailboxes) this.#byMailbox.set(id, entry);
      await entry.source.start();
    }
  }

  /** A source that does not say why it fails has put the reason on its mailboxes. */
  async #mailboxError(configured: ConfiguredSource): Promise<string | undefined> {
    if (configured.mailboxes.length === 0) return undefined;
    const { mailboxes } = await this.#store.snapshot(configured.mailboxes.map((m) => m.id));
    return mailboxes.find((m) => m.state === 'error')?.error;
  }
}
