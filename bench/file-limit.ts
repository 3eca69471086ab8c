import { execFileSync } from 'node:child_process';

/** The hard open-file limit (`ulimit -Hn`) processes started from here get. */
export function hardFileLimit(): number {
  const text = execFileSync('/bin/sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).trim();
  return text === 'unlimited' ? Infinity : Number(text);
}

/**
 * Throws, in words, unless a process may hold `files` open files. Node
 * raises its own soft limit to the hard limit as it starts (so the server,
 * its workers and the load generator need nothing more), and nginx raises
 * its workers' with worker_rlimit_nofile; past the hard limit only root can.
 */
export function checkFileLimit(files: number, what: string): void {
  const hard = hardFileLimit();
  if (hard < files) {
    throw new Error(`${what} needs ${files} open files, and the hard limit is ${hard} (ulimit -Hn): run fewer polls, or raise it (as root, or in /etc/security/limits.conf)`);
  }
}
