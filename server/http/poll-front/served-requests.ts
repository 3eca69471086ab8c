import { Ajv } from 'ajv';
import { BODY_LIMIT_BYTES, mailboxIdProblem } from '../../../common/protocol.ts';
import { bearerToken } from '../auth.ts';
import type { IngestConfig } from '../../config/server-config.ts';
import { putSchema, type PushedCount } from '../routes/ingest.ts';
import type { TokenTable } from '../../tokens/token-table.ts';
import { METHOD_GET, METHOD_HEAD, METHOD_PUT } from './llhttp.ts';

/** What the front knows of a request once its headers are read. */
export interface RequestHead {
  method: number;
  url: string;
  versionMinor: number;
  isUpgrade: boolean;
  authorization: string | undefined;
  contentType: string | undefined;
  contentLength: string | undefined;
  hasHost: boolean;
  isChunked: boolean;
  hasExpect: boolean;
  /** A browser's request: its answer may need CORS headers, which Fastify's hook adds (cors.ts). */
  hasOrigin: boolean;
}

/** A request the front serves itself; anything else goes to node:http and Fastify. */
export type ServedRequest =
  | { kind: 'poll'; url: string; authorization: string | undefined; isHead: boolean }
  | { kind: 'put'; id: string; holder: IngestConfig };

/**
 * Which requests the front serves: a poll, and a PUT with nothing to refuse
 * before its body (a known ingest token, a good id, a JSON body within the
 * limit). Everything node:http or Fastify treat specially stays with them:
 * upgrades, `Expect`, chunked bodies, HTTP/1.1 without `Host`, a browser's
 * request from a page (`Origin`: CORS is answered in one place), every other
 * spelling of the paths, every request they would refuse.
 */
export function servedRequest(head: RequestHead, ingestTokens: TokenTable<IngestConfig>): ServedRequest | undefined {
  if (head.isUpgrade || head.hasExpect || head.isChunked || head.hasOrigin || (!head.hasHost && head.versionMinor !== 0)) return undefined;
  const { method, url } = head;
  if ((method === METHOD_GET || method === METHOD_HEAD) && isPollPath(url) && !hasBody(head)) {
    return { kind: 'poll', url, authorization: head.authorization, isHead: method === METHOD_HEAD };
  }
  if (method !== METHOD_PUT || !isJson(head.contentType)) return undefined;
  const length = Number(head.contentLength);
  if (!(length > 0 && length <= BODY_LIMIT_BYTES)) return undefined;
  const id = putPathRe.exec(url)?.[1];
  if (id === undefined || mailboxIdProblem(id) !== undefined) return undefined;
  const token = bearerToken(head.authorization);
  const holder = token === undefined ? undefined : ingestTokens.find(token);
  return holder ? { kind: 'put', id, holder } : undefined;
}

/** Exactly the path of the counts, with or without a query: any other spelling goes to Fastify's router. */
function isPollPath(url: string): boolean {
  return url === '/v1/counts' || (url.startsWith('/v1/counts?') && !url.includes('#'));
}

// No query, no percent-escape: those are Fastify's to decode (and to refuse).
const putPathRe = /^\/v1\/mailboxes\/([^/?#%]+)$/;

function hasBody(head: RequestHead): boolean {
  return head.contentLength !== undefined && head.contentLength.trim() !== '0';
}

function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/json\s*(;\s*charset=utf-8\s*)?$/i.test(contentType.trim());
}

// The checks Fastify's route makes with the same schema and options (app.ts); a body
// that fails them is handed to Fastify, which answers with its sentence.
const ajv = new Ajv({ coerceTypes: false, removeAdditional: false, allErrors: false, useDefaults: true });
export const isPutBody = ajv.compile<PushedCount>(putSchema);
