/**
 * Every message between the primary and its workers, on the IPC channel of
 * child_process.fork: one typed contract both sides import.
 */

/** The primary to a worker. */
export type ToWorker =
  /** Read the config file again and apply it (the primary got SIGHUP and found the file good). */
  | { type: 'reload' };

/** A worker to the primary. */
export type ToPrimary =
  | { type: 'listening'; port: number }
  /** The worker could not start; `code` is the listen error's (EADDRINUSE, ...). */
  | { type: 'failed'; message: string; code?: string };

/** The environment variable that makes a process a worker, holding its number (1..N). */
export const WORKER_ENV = 'MAILTRAY_WORKER';

/** Which worker this process is: 0 when it is not one (a single server, or the primary). */
export function workerNumber(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env[WORKER_ENV]);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}
