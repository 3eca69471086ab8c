import type { FastifyServerOptions } from 'fastify';
import pretty from 'pino-pretty';

/** The few logger calls the server makes (sources, stores, workers); pino's logger (Fastify's) fits. */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export type LogFormat = 'pretty' | 'json';

/**
 * Logger options for the stand-alone server: readable lines on a terminal,
 * JSON lines (one object each, for journald, Docker or a collector) otherwise.
 * LOG_FORMAT=json|pretty overrides the guess.
 */
export function loggerOptions(env: NodeJS.ProcessEnv, isTerminal: boolean): FastifyServerOptions['logger'] {
  const level = env.LOG_LEVEL ?? 'info';
  const format: LogFormat = env.LOG_FORMAT === 'json' || env.LOG_FORMAT === 'pretty' ? env.LOG_FORMAT : isTerminal ? 'pretty' : 'json';
  if (format === 'json') return { level };
  // In this process, not pino's worker-thread transport: a line is written before an exit that follows it.
  return { level, stream: pretty({ colorize: isTerminal, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', sync: true }) };
}
