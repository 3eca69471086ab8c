/**
 * Every call the app makes on the stand-in Electron, and what happened to it
 * (ready, a utility process's message or exit), sent to the test over the
 * Node IPC channel of this process (forked with serialization 'advanced', so
 * PNG buffers arrive as bytes). Functions are recorded as '[function]'.
 */
import type { EventEmitter } from 'node:events';

export interface RecordedCall {
  kind: 'call';
  api: string;
  args: unknown[];
  /** Whether the app was ready when it was made. */
  isReady: boolean;
}

/** What the app process sends the test. */
export type FromApp =
  | RecordedCall
  | { kind: 'broken'; message: string }
  | { kind: 'reply'; id: number; value?: unknown; error?: string };

/** What the test asks of the app process (test/e2e/stand-in/launch.ts answers). */
export type ToApp =
  | { kind: 'evaluate'; id: number; source: string; arg: unknown }
  | { kind: 'menu-click'; id: number; label: string }
  | { kind: 'tray-click'; id: number };

let isReady = () => false;

export function readiness(check: () => boolean): void {
  isReady = check;
}

export function send(message: FromApp): void {
  if (process.connected) process.send!(message);
}

export function record(api: string, ...args: unknown[]): void {
  send({ kind: 'call', api, args: args.map((arg) => plain(arg, 0)), isReady: isReady() });
}

/** Records each listener the app adds to an emitter of the stand-in ('app.on', 'before-quit'). */
export function recordListeners<T extends EventEmitter>(emitter: T, label: string): T {
  const on = emitter.on.bind(emitter);
  Object.assign(emitter, {
    on(event: string | symbol, listener: (...args: unknown[]) => void) {
      record(`${label}.on`, String(event));
      return on(event, listener);
    },
  });
  return emitter;
}

/** A value the IPC channel can carry; objects that describe themselves (images) do so. */
function plain(value: unknown, depth: number): unknown {
  if (typeof value === 'function') return '[function]';
  if (value === null || typeof value !== 'object') return value;
  if (ArrayBuffer.isView(value)) return value;
  if (depth > 8) return '[deep]';
  if ('recorded' in value && typeof value.recorded === 'function') return (value.recorded as () => unknown)();
  if (Array.isArray(value)) return value.map((item) => plain(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plain(item, depth + 1)]));
}
