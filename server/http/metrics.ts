import { Counter, Gauge, Registry } from 'prom-client';
import type { HeldPolls } from '../polls/held-polls.ts';
import type { EventStreams } from './event-streams.ts';
import type { Store } from '../store/store.ts';
import type { SourceState } from '../sources/source.ts';
import { workerNumber } from '../worker-number.ts';

export interface Metrics {
  contentType: string;
  render(): Promise<string>;
}

/**
 * Prometheus text for /metrics. Everything is read when scraped (no timers,
 * no default process collectors, which sample the event loop all the time),
 * and no label carries a mailbox id, user name or host.
 */
export function createMetrics(store: Store, heldPolls: HeldPolls, eventStreams: EventStreams, sourceStates: () => SourceState[] | Promise<SourceState[]>): Metrics {
  const registry = new Registry();
  const states: SourceState[] = ['ok', 'pending', 'error'];

  new Gauge({
    name: 'mailtray_held_polls', help: 'Held polls right now.', registers: [registry],
    collect() { this.set(heldPolls.size); },
  });
  const answered = new Counter({
    name: 'mailtray_polls_ended_total', help: 'Held polls ended, by how: change, timeout, gone (client left), shutdown, access-changed (a reload changed its client).',
    labelNames: ['how'], registers: [registry],
    collect() {
      answered.reset();
      for (const [how, n] of Object.entries(heldPolls.ended)) answered.inc({ how }, n);
    },
  });
  new Gauge({
    name: 'mailtray_event_streams', help: 'Open event streams (GET /v1/events); each also holds a poll, counted in mailtray_held_polls, while it waits for a change.',
    registers: [registry],
    collect() { this.set(eventStreams.size); },
  });
  const streamsEnded = new Counter({
    name: 'mailtray_event_streams_ended_total',
    help: 'Event streams ended, by how: shutdown, access-changed, gone (client left), slow (dropped: it did not read), refused (its token stopped working), failed.',
    labelNames: ['how'], registers: [registry],
    collect() {
      streamsEnded.reset();
      for (const [how, n] of Object.entries(eventStreams.ended)) streamsEnded.inc({ how }, n);
    },
  });
  const changes = new Counter({
    name: 'mailtray_changes_total', help: 'Visible mailbox changes (count, name or state).', registers: [registry],
    async collect() { const { changes: n } = await store.stats(); changes.reset(); changes.inc(n); },
  });
  new Gauge({
    name: 'mailtray_mailboxes', help: 'Mailboxes by state.', labelNames: ['state'], registers: [registry],
    async collect() {
      const byState = (await store.stats()).mailboxes;
      for (const state of states) this.set({ state }, byState[state]);
    },
  });
  new Gauge({
    name: 'mailtray_sources', help: 'Mail sources by state.', labelNames: ['state'], registers: [registry],
    async collect() {
      const now = await sourceStates();
      for (const state of states) this.set({ state }, now.filter((s) => s === state).length);
    },
  });
  // One worker's scrape shows that worker's polls and process; the counts and sources are the whole server's.
  new Gauge({
    name: 'mailtray_worker', help: 'Which worker process answered (listen.workers); 0 when the server is one process.', registers: [registry],
    collect() { this.set(workerNumber()); },
  });
  // Each change reaches each worker once, in batches: a worker's two figures say how well they batch.
  const batches = new Counter({
    name: 'mailtray_worker_change_batches_total', help: "Messages of changes this worker received from the primary's memory store (listen.workers); 0 when the server is one process.",
    registers: [registry],
    async collect() { batches.reset(); batches.inc((await store.stats()).copy?.batches ?? 0); },
  });
  const received = new Counter({
    name: 'mailtray_worker_changes_received_total', help: "Writes of the primary's memory store this worker received, each once, in those messages; 0 when the server is one process.",
    registers: [registry],
    async collect() { received.reset(); received.inc((await store.stats()).copy?.patches ?? 0); },
  });
  new Gauge({
    name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes.', registers: [registry],
    collect() { this.set(process.memoryUsage.rss()); },
  });
  // A counter, as Prometheus' own client libraries declare it: rate() and promtool expect one for a _total.
  const cpu = new Counter({
    name: 'process_cpu_seconds_total', help: 'User and system CPU time spent in seconds.', registers: [registry],
    collect() { const { user, system } = process.cpuUsage(); cpu.reset(); cpu.inc((user + system) / 1e6); },
  });

  return { contentType: registry.contentType, render: () => registry.metrics() };
}
