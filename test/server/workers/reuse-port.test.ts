import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../server/config/server-config.ts';
import { ConfigError, formatProblem } from '../../../server/config-check.ts';
import { workerExecArgv, workersProblem } from '../../../server/workers/reuse-port.ts';

describe('listen.workers', () => {
  it('is 1 unless the config says more, and must be a whole number from 1', () => {
    expect(parseConfig({}, { env: {} }).listen.workers).toBe(1);
    expect(parseConfig({ listen: { workers: 4 } }, { env: {} }).listen).toEqual({ host: '127.0.0.1', port: 7300, workers: 4 });
    for (const workers of [0, 1.5, '2']) {
      try {
        parseConfig({ listen: { workers } }, { env: {} });
        expect.unreachable();
      } catch (error) {
        expect((error as ConfigError).problems.map(formatProblem)).toEqual([expect.stringMatching(/^listen\.workers: must be a whole number from 1 to 256/)]);
      }
    }
  });

  it('above 1 is refused with a sentence where the kernel cannot spread a port over processes', () => {
    expect(workersProblem(1, 'darwin', '24.0.0')).toBeUndefined();
    expect(workersProblem(4, 'linux', '22.18.0')).toBeUndefined();
    expect(workersProblem(4, 'darwin', '24.0.0')).toMatch(/^4 workers need Linux.*this is darwin: set it to 1, or run several instances on a Redis store/);
    expect(workersProblem(2, 'win32', '24.0.0')).toMatch(/this is win32/);
    expect(workersProblem(2, 'linux', '22.11.0')).toMatch(/^2 workers need Node 22\.12 or later.*this is Node 22\.11\.0/);
    expect(workersProblem(2, 'linux', '23.0.0')).toMatch(/Node 22\.12 or later/);
  });

  it('workers keep the small young generation and one GC helper thread, and no debugger port of the primary', () => {
    expect(workerExecArgv([])).toEqual(['--max-semi-space-size=2', '--v8-pool-size=1']);
    expect(workerExecArgv(['--max-semi-space-size=8', '--inspect=9229', '--no-warnings'])).toEqual(['--max-semi-space-size=8', '--no-warnings', '--v8-pool-size=1']);
  });
});
