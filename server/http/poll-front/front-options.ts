import type { Socket } from 'node:net';
import type { AppContext } from '../app-context.ts';
import type { Deadlines } from '../http-edge.ts';
import type { RefusalLog } from '../../tokens/refused-tokens.ts';
import type { RequestHead } from './served-requests.ts';

// Apart from front.ts so that connection.ts can name what it is given without importing the front that imports it.
export interface PollFrontOptions {
  context: AppContext;
  deadlines: Deadlines;
  /** How long a connection may sit idle between requests: node:http's keepAliveTimeout, for the same behaviour. */
  keepAliveMs: number;
  refusals: RefusalLog;
  log: { error(fields: object, message: string): void };
  /**
   * Told of each request the front answers itself, as it read it, before the
   * answer: for the test that holds the front's reading to node:http's
   * (test/server/http/poll-front/poll-front-differential.test.ts). Requests it hands over are
   * node:http's to read.
   */
  onServe?: (socket: Socket, head: RequestHead, body: Buffer) => void;
}
