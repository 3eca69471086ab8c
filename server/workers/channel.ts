import type { ChildProcess } from 'node:child_process';
import type { ToPrimary, ToWorker } from './messages.ts';

/** One end of the IPC channel between the primary and a worker; tests join two ends in one process. */
export interface Channel<In, Out> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
  /** Called once when the other side is gone. */
  onClose(listener: () => void): void;
}

/** The primary's end of its channel to a worker. */
export function workerChannel(child: ChildProcess): Channel<ToPrimary, ToWorker> {
  return {
    send: (message) => { if (child.connected) child.send(message); },
    onMessage: (listener) => { child.on('message', listener); },
    onClose: (listener) => { child.once('disconnect', listener); },
  };
}

/** A worker's end of its channel to the primary (this process's IPC channel). */
export function primaryChannel(): Channel<ToWorker, ToPrimary> {
  return {
    send: (message) => { if (process.connected) process.send!(message); },
    onMessage: (listener) => { process.on('message', listener); },
    onClose: (listener) => { process.once('disconnect', listener); },
  };
}
