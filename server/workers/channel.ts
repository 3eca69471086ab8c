import type { ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import type { ToPrimary, ToWorker } from './messages.ts';

/**
 * One end of the channel between the primary and a worker; tests join two
 * ends in one process. `sendLine` sends a message already encoded as one
 * JSON line (ending in "\n"): the primary encodes a batch of changes once
 * and hands the same bytes to every worker.
 */
export interface Channel<In, Out> {
  send(message: Out): void;
  sendLine(line: Buffer): void;
  onMessage(listener: (message: In) => void): void;
  /** Called once when the other side is gone. */
  onClose(listener: () => void): void;
}

/**
 * The worker's file descriptor of the store pipe: the primary's store
 * messages travel on a pipe of their own beside the IPC channel, because
 * child.send encodes each message again for each worker, and the pipe takes
 * bytes encoded once. Writes still go to the primary over IPC.
 */
export const STORE_PIPE_FD = 4;

/** The fork stdio that opens the store pipe at STORE_PIPE_FD (after the IPC channel at 3). */
export const workerStdio = ['ignore', 'inherit', 'inherit', 'ipc', 'pipe'] as const;

/** The primary's end of its channel to a worker. */
export function workerChannel(child: ChildProcess): Channel<ToPrimary, ToWorker> {
  const pipe = child.stdio[STORE_PIPE_FD] as Writable | null | undefined;
  if (!pipe) throw new Error('the worker was forked without its store pipe (workerStdio)');
  // A worker that died mid-write: its exit is the pool's to handle, not an uncaught error here.
  pipe.on('error', () => {});
  const write = (line: Buffer | string) => { if (child.connected && !pipe.destroyed) pipe.write(line); };
  return {
    send: (message) => write(`${JSON.stringify(message)}\n`),
    sendLine: write,
    onMessage: (listener) => { child.on('message', listener); },
    onClose: (listener) => { child.once('disconnect', listener); },
  };
}

/** A worker's end of its channel to the primary: the store pipe in, this process's IPC channel out. */
export function primaryChannel(): Channel<ToWorker, ToPrimary> {
  const pipe: Readable = new Socket({ fd: STORE_PIPE_FD, readable: true, writable: false });
  // The IPC channel keeps the worker alive and its closing stops it; the pipe should not hold it up.
  (pipe as Socket).unref();
  return {
    send: (message) => { if (process.connected) process.send!(message); },
    sendLine: (line) => { if (process.connected) process.send!(JSON.parse(line.toString()) as ToPrimary); },
    onMessage: (listener) => { readLines(pipe, (line) => listener(JSON.parse(line) as ToWorker)); },
    onClose: (listener) => { process.once('disconnect', listener); },
  };
}

/** Calls `onLine` with each "\n"-ended line of the stream (JSON text holds no raw newline). */
export function readLines(stream: Readable, onLine: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    let start = 0;
    let end = chunk.indexOf('\n');
    if (end < 0) {
      rest += chunk;
      return;
    }
    onLine(rest + chunk.slice(0, end));
    rest = '';
    for (start = end + 1, end = chunk.indexOf('\n', start); end >= 0; start = end + 1, end = chunk.indexOf('\n', start)) {
      onLine(chunk.slice(start, end));
    }
    rest = chunk.slice(start);
  });
}
