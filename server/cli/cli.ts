#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError, formatProblem } from '../config-check.ts';
import { configWarnings } from '../config/config-warnings.ts';
import { readConfig, type ListenOverrides } from '../config/cli-config.ts';
import type { ServerConfig } from '../config/server-config.ts';
import { loggerOptions } from '../log.ts';
import { configSummary } from '../run/start-line.ts';
import { startServer } from '../run/start.ts';
import { tokenCommand, tokenUsage } from './token-command.ts';
import { serverVersion } from '../version.ts';
import { startPrimary, type RunningProcess } from '../workers/primary.ts';
import { workersProblem } from '../workers/reuse-port.ts';

const usage = `usage:
  mailtray-server --config FILE [--host HOST] [--port PORT] [--workers N]
  mailtray-server check --config FILE   check the config and exit: 0 if the server would start with it, 1 if not
${tokenUsage}
  mailtray-server --version

The config file is described in docs/operator-guide.md ("The config file") and docs/config-reference.md.`;

/** How long a failed start may take to end by itself before it is ended. */
const LINGER_AFTER_FAILURE_MS = 3000;

const say = (text: string) => process.stdout.write(`${text}\n`);
const complain = (text: string) => process.stderr.write(`mailtray-server: ${text}\n`);

/** Runs the command line; returns the exit code, or -1 while the server runs. */
async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'token') return tokenCommand(argv.slice(1), say, complain);
  const isCheck = argv[0] === 'check';
  let args;
  try {
    args = parseArgs({
      args: isCheck ? argv.slice(1) : argv,
      options: {
        config: { type: 'string', short: 'c' },
        host: { type: 'string' },
        port: { type: 'string', short: 'p' },
        workers: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }).values;
  } catch (error) {
    complain(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (args.help) {
    say(usage);
    return 0;
  }
  if (args.version) {
    say(`mailtray-server ${serverVersion}`);
    return 0;
  }
  if (!args.config) {
    complain(`--config FILE is required\n${usage}`);
    return 2;
  }

  let config: ServerConfig;
  const overrides = { host: args.host, port: args.port, workers: args.workers };
  try {
    config = await readConfig(args.config, overrides);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const count = error.problems.length;
    const heading = `${args.config} has ${count === 1 ? 'a problem' : `${count} problems`}:`;
    complain(`${isCheck ? '' : 'the server did not start: '}${heading}\n${error.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    return 1;
  }
  // Whether this machine can run the workers is no property of the file, but `check` says it too.
  const cannotRunWorkers = workersProblem(config.listen.workers);
  if (cannotRunWorkers) {
    complain(`${isCheck ? '' : 'the server did not start: '}listen.workers: ${cannotRunWorkers}`);
    return 1;
  }
  if (isCheck) {
    for (const warning of configWarnings(config)) say(`warning: ${formatProblem(warning)}`);
    say(`${args.config} is good: ${configSummary(config)}`);
    return 0;
  }

  // Signals are handled from before the server listens: a SIGHUP or SIGTERM
  // that comes while it starts waits for it instead of killing the process.
  const logger = loggerOptions(process.env, process.stdout.isTTY === true);
  let isStopping = false;
  const stop = (signal: string, exitCode = 0) => {
    if (isStopping) return;
    isStopping = true;
    starting.then(async (server) => {
      server.log.info({ signal }, 'stopping: answering held polls with 503');
      try {
        await server.stop();
        process.exit(exitCode);
      } catch (error) {
        server.log.error({ err: error }, 'error while stopping');
        process.exit(1);
      }
    }, () => process.exit(1)); // the start failed: nothing to stop, and the failure is the exit code
  };
  const starting: Promise<RunningProcess> = config.listen.workers > 1
    ? startPrimary({ file: args.config, overrides, config, logger, onGiveUp: () => stop('a worker kept failing', 1) })
    : startServer({ config, logger }).then((server) => ({ log: server.app.log, reload: (next) => server.reload(next), stop: () => server.stop() }));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  // SIGHUP re-reads the config (systemctl reload, docker kill -s HUP); one reload at a time.
  const file = args.config;
  let reloading: Promise<unknown> = starting;
  process.on('SIGHUP', () => {
    reloading = reloading.then(() => starting).then((server) => reload(server, file, overrides).catch((error: unknown) => {
      server.log.error({ err: error }, 'the config could not be reloaded; the old one keeps running');
    }), () => {});
  });
  await starting;
  return -1;
}

async function reload(server: RunningProcess, file: string, overrides: ListenOverrides): Promise<void> {
  let next: ServerConfig;
  try {
    next = await readConfig(file, overrides);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) server.log.error({ at: problem.at }, `config: ${formatProblem(problem)}`);
    const count = error.problems.length;
    server.log.error(`the config was not reloaded: ${file} has ${count === 1 ? 'a problem' : `${count} problems`}; the old config keeps running`);
    // A process's environment is fixed when it starts: a variable added to the unit's
    // environment file since then is there for a restart, never for a reload.
    const unset = [...new Set(error.problems.flatMap((p) => (p.unsetVariable ? [p.unsetVariable] : [])))];
    if (unset.length > 0) {
      server.log.error(`the server reads its environment only when it starts: if ${unset.join(', ')} ${unset.length === 1 ? 'is' : 'are'} now in its environment file, restart the server (systemctl restart mailtray-server) instead of reloading`);
    }
    return;
  }
  server.log.info(await server.reload(next));
}

main(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exitCode = code; },
  (error: unknown) => {
    const err = error as NodeJS.ErrnoException;
    const why = err.code === 'EADDRINUSE' ? 'the port is already in use; choose another with --port'
      : err.code === 'EACCES' ? 'no permission to listen there; use a port above 1023'
        : err.message;
    complain(`the server did not start: ${why}`);
    process.exitCode = 1;
    // What the start opened it closes, so the process ends now by itself. Should
    // something still hold it, it must not linger half-alive: a service manager
    // would show it running and never restart it.
    setTimeout(() => {
      complain('something kept the process alive after the failed start; exiting anyway');
      process.exit(1);
    }, LINGER_AFTER_FAILURE_MS).unref();
  },
);
