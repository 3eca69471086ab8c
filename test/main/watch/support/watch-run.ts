import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { runWatch, type RunningWatch, type WatchIo } from '../../../../main/watch/watch-command.ts';

/** A terminal, a pipe to a bar, or stderr: records what `mailtray watch` wrote. */
export class Output extends EventEmitter {
  text = '';
  isTTY: boolean;
  columns: number | undefined;

  constructor({ isTTY = false, columns }: { isTTY?: boolean; columns?: number } = {}) {
    super();
    this.isTTY = isTTY;
    this.columns = columns;
  }

  write(text: string): boolean {
    this.text += text;
    return true;
  }

  /** What was written, a line each, without the last empty one. */
  lines(): string[] {
    return this.text.split('\n').slice(0, -1);
  }
}

export interface WatchUnderTest extends RunningWatch {
  stdout: Output;
  stderr: Output;
}

/**
 * `mailtray watch ARGS` in this process, as the CLI runs it, with its
 * output recorded. The environment has no settings folder of the person
 * running the tests: MAILTRAY_USER_DATA points at an empty temp folder unless given.
 */
export function watchFor(args: string[], io: Partial<WatchIo> & { stdout?: Output } = {}): WatchUnderTest {
  const stdout = io.stdout ?? new Output();
  const stderr = new Output();
  const running = runWatch(args, {
    platform: 'linux',
    home: tmpdir(),
    ...io,
    env: { MAILTRAY_USER_DATA: `${tmpdir()}/mailtray-watch-no-settings`, LANG: 'en_US.UTF-8', ...io.env },
    stdout,
    stderr,
  });
  return { ...running, stdout, stderr };
}
