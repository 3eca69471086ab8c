import { execFileSync } from 'node:child_process';

/** This process's open-file limits (children inherit them): `ulimit -n` soft and hard. */
export function openFileLimits(): { soft: number; hard: number } {
  const [soft, hard] = execFileSync('/bin/sh', ['-c', 'ulimit -Sn; ulimit -Hn'], { encoding: 'utf8' }).trim().split('\n')
    .map((line) => (line.trim() === 'unlimited' ? Infinity : Number(line)));
  return { soft: soft!, hard: hard! };
}

/**
 * The command and arguments that run `command args` allowed at least `files`
 * open files: as they are when the soft limit already allows it, else through
 * a shell that raises the soft limit and execs the command (same process id).
 * Node cannot raise its own limit; beyond the hard limit only root can.
 */
export function withFileLimit(files: number, command: string, args: string[]): [string, string[]] {
  const { soft, hard } = openFileLimits();
  if (soft >= files) return [command, args];
  if (hard < files) {
    throw new Error(`${files} open files are needed, and the hard limit is ${hard} (ulimit -Hn): run fewer polls, or raise it (as root, or in /etc/security/limits.conf)`);
  }
  return ['/bin/sh', ['-c', `ulimit -n ${files} && exec "$0" "$@"`, command, ...args]];
}
