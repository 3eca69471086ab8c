import { Worker } from 'node:worker_threads';
import type { ServerProcess, SpawnServer } from '../../../main/bundled/supervisor.ts';

/** Spawns the bundled server host in a worker thread; `workers` lists every one started. */
export function workerSpawner(): { spawn: SpawnServer; workers: Worker[] } {
  const workers: Worker[] = [];
  const spawn = (): ServerProcess => {
    const worker = new Worker(new URL('./server-host-worker.ts', import.meta.url));
    workers.push(worker);
    return {
      postMessage: (message) => worker.postMessage(message),
      onMessage: (listener) => worker.on('message', listener),
      onExit: (listener) => worker.on('exit', listener),
      kill: () => void worker.terminate(),
    };
  };
  return { spawn, workers };
}
