import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { checkFileLimit, hardFileLimit } from '../../bench/file-limit.ts';

it('refuses, in words, more polls than the hard open-file limit lets a process hold', () => {
  const hard = hardFileLimit();
  expect(() => checkFileLimit(Math.min(hard, 1000), '1000 polls')).not.toThrow();
  if (Number.isFinite(hard)) expect(() => checkFileLimit(hard + 1, `${hard + 1} polls`)).toThrow(`${hard + 1} polls needs ${hard + 1} open files, and the hard limit is ${hard}`);
});

it('needs no more than the hard limit: a Node process started under a low soft limit raises its own', () => {
  // What the benchmark relies on to spawn the server and the load generator as they are.
  const output = execFileSync('/bin/sh', ['-c', 'ulimit -Sn 256 && exec "$0" "$@"', process.execPath, '-e', 'process.stdout.write(require("node:child_process").execSync("ulimit -Sn").toString())'], { encoding: 'utf8' });
  const hard = hardFileLimit();
  expect(output.trim()).not.toBe('256');
  if (Number.isFinite(hard)) expect(Number(output)).toBe(hard);
});
