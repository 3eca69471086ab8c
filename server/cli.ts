#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError } from './config-check.ts';
import { loadConfigFile, parseConfig, type ServerConfig } from './config.ts';
import { startServer } from './start.ts';
import { newToken } from './tokens.ts';

const usage = `usage:
  mailtray-server --config FILE [--host HOST] [--port PORT]
  mailtray-server token          print a new random token and its sha256: form

The config file is described in the README ("Running the server stand-alone").`;

/** Runs the command line; returns the exit code for errors found before listening. */
async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'token') {
    const { token, hashed } = newToken();
    process.stdout.write(`token:   ${token}\nconfig:  "${hashed}"\n`);
    return 0;
  }
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        config: { type: 'string', short: 'c' },
        host: { type: 'string' },
        port: { type: 'string', short: 'p' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    process.stderr.write(`mailtray-server: ${(error as Error).message}\n${usage}\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (!args.config) {
    process.stderr.write(`mailtray-server: --config FILE is required\n${usage}\n`);
    return 2;
  }

  let config: ServerConfig;
  try {
    config = await loadConfigFile(args.config);
    if (args.host !== undefined || args.port !== undefined) {
      const port = args.port === undefined ? config.listen.port : Number(args.port);
      // Re-checked through the config reader so --port gets the same message as listen.port.
      const listen = parseConfig({ listen: { host: args.host ?? config.listen.host, port } }).listen;
      config = { ...config, listen };
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`mailtray-server: the server did not start: ${error.message}\n`);
      return 1;
    }
    throw error;
  }

  const server = await startServer({ config, logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  let isStopping = false;
  const stop = (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    server.app.log.info({ signal }, 'stopping: answering held polls with 503');
    server.stop().then(() => process.exit(0), (error: unknown) => {
      server.app.log.error({ err: error }, 'error while stopping');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exitCode = code; },
  (error: unknown) => {
    const err = error as NodeJS.ErrnoException;
    const why = err.code === 'EADDRINUSE' ? 'the port is already in use; choose another with --port'
      : err.code === 'EACCES' ? 'no permission to listen there; use a port above 1023'
        : err.message;
    process.stderr.write(`mailtray-server: the server did not start: ${why}\n`);
    process.exitCode = 1;
  },
);
