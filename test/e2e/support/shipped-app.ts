/**
 * The test's side of a shipped app started under the stand-in Electron
 * (../stand-in/launch.ts): what it recorded, what it printed, how it ended,
 * and a way to ask it things (click the tray, run a function in its window).
 */
import { fork } from 'node:child_process';
import type { FromApp, RecordedCall, ToApp } from '../stand-in/recorder.ts';

const launcher = new URL('../stand-in/launch.ts', import.meta.url);

type Question = ToApp extends infer T ? (T extends ToApp ? Omit<T, 'id'> : never) : never;

export interface ShippedApp {
  readonly calls: RecordedCall[];
  /** Start-up rules the app broke, as the stand-in said them. */
  readonly broken: string[];
  /** What the app process (and its bundled server) printed. */
  output(): string;
  /** Resolves with the exit code when the app process has ended. */
  readonly ended: Promise<number | null>;
  hasEnded(): boolean;
  callsTo(api: string): RecordedCall[];
  ask(question: Question): Promise<unknown>;
  /** Runs `fn(arg)` in the window's page; `fn` is sent as its source, so it may use nothing from outside. */
  evaluate<A, T>(fn: (arg: A) => T | Promise<T>, arg: A): Promise<T>;
  kill(): void;
}

export function launchShippedApp(appDir: string, profile: string): ShippedApp {
  const child = fork(launcher, [appDir, profile], {
    // The app's process gets no test-runner flags; the launcher is TypeScript run by Node itself.
    execArgv: [],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  const calls: RecordedCall[] = [];
  const broken: string[] = [];
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  child.on('message', (message: FromApp) => {
    if (message.kind === 'call') calls.push(message);
    else if (message.kind === 'broken') broken.push(message.message);
    else {
      const asker = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.error !== undefined) asker?.reject(new Error(message.error));
      else asker?.resolve(message.value);
    }
  });
  child.on('error', () => {});
  let hasEnded = false;
  const ended = new Promise<number | null>((resolve) => child.on('exit', (code) => {
    hasEnded = true;
    for (const asker of waiting.values()) asker.reject(new Error(`the app ended (${code}) before it answered:\n${output}`));
    resolve(code);
  }));
  const ask = (question: Question) => new Promise<unknown>((resolve, reject) => {
    if (hasEnded || !child.connected) return reject(new Error(`the app has ended:\n${output}`));
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    child.send({ ...question, id } as ToApp);
  });
  return {
    calls,
    broken,
    output: () => output,
    ended,
    hasEnded: () => hasEnded,
    callsTo: (api) => calls.filter((call) => call.api === api),
    ask,
    evaluate: (fn, arg) => ask({ kind: 'evaluate', source: fn.toString(), arg }) as never,
    kill: () => { if (!hasEnded) child.kill('SIGKILL'); },
  };
}
