// The `mailtray` command (bin/mailtray.js): the app's core in a terminal, without Electron.
import { homedir } from 'node:os';
import { runWatch } from './watch-command.ts';

const usage = `Usage: mailtray watch [options]    (mailtray watch --help says more)`;

const [command, ...args] = process.argv.slice(2);
let code: number;
if (command === 'watch') {
  const running = runWatch(args, {
    env: process.env,
    platform: process.platform,
    home: homedir(),
    stdout: process.stdout,
    stderr: process.stderr,
    onStopSignal(stop) {
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      // A bar closing its end of the pipe must not kill the process mid-stop with SIGPIPE's default.
      process.once('SIGHUP', stop);
    },
  });
  code = await running.done;
} else if (command === '--help' || command === '-h' || command === 'help') {
  process.stdout.write(`${usage}\n`);
  code = 0;
} else {
  process.stderr.write(command === undefined ? `mailtray: say what to do\n${usage}\n` : `mailtray: no command "${command}"\n${usage}\n`);
  code = 64;
}
// Written out before leaving: a bar reads the last line of a --once.
process.stdout.write('', () => process.exit(code));
