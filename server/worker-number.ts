// Read by /metrics (its worker label) as well as by server/workers/, so it lives below both.

/** The environment variable that makes a process a worker, holding its number (1..N). */
export const WORKER_ENV = 'MAILTRAY_WORKER';

/** Which worker this process is: 0 when it is not one (a single server, or the primary). */
export function workerNumber(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env[WORKER_ENV]);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}
