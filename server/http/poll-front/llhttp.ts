import { createRequire } from 'node:module';

/**
 * Node's own HTTP/1.1 parser, llhttp, as undici ships it compiled to
 * WebAssembly: the parser node:http runs, never a hand-written one. llhttp's
 * test suite covers what this server relies on (github.com/nodejs/llhttp,
 * test/request/: content-length.md, transfer-encoding.md, invalid.md,
 * pipelining.md, pausing.md) and it is fuzzed with libFuzzer
 * (test/fuzzers/fuzz_parser.c) as well as through Node's own tests. It runs
 * strict: none of llhttp's lenient flags are set. undici is pinned to an
 * exact version in package.json because this file reaches into its
 * `lib/llhttp/` folder, which is not a public API of undici's.
 *
 * One WebAssembly instance serves every connection: each connection's parser
 * is a small struct in its memory. Callbacks name only the parser, so the
 * connection being parsed is the one `execute` was called for.
 */
const require = createRequire(import.meta.url);

/** llhttp's error numbers that this server tells apart (undici/lib/llhttp/constants.js, ERROR). */
export const LLHTTP_OK = 0;
export const LLHTTP_PAUSED = 21;
/** What a callback returns to stop the parser with an error of its own, as node:http's parser does for a head over its limits. */
export const LLHTTP_USER = 24;
/** The method numbers of llhttp (constants.js, METHODS). */
export const METHOD_GET = 1;
export const METHOD_HEAD = 2;
export const METHOD_PUT = 4;
const TYPE_REQUEST = 1;

/**
 * What a connection hears from its parser. A callback that returns a number
 * may stop the parser: LLHTTP_PAUSED after it, LLHTTP_USER with an error.
 * A header's value is told even when it is empty (a call with ''), so a
 * field that follows a value always begins a new header.
 */
export interface ParserEvents {
  onMessageBegin(): void;
  onUrl(text: string): number;
  onHeaderField(text: string): number;
  onHeaderValue(text: string): number;
  onHeadersComplete(method: number, versionMinor: number, shouldKeepAlive: boolean, isUpgrade: boolean): number;
  /** A piece of the body; `bytes` is only valid during the call. */
  onBody(bytes: Buffer): void;
  onMessageComplete(): number;
}

interface LlhttpExports {
  memory: WebAssembly.Memory;
  _initialize(): void;
  llhttp_alloc(type: number): number;
  llhttp_free(parser: number): void;
  llhttp_execute(parser: number, data: number, length: number): number;
  llhttp_resume(parser: number): void;
  llhttp_get_error_pos(parser: number): number;
  llhttp_get_http_minor(parser: number): number;
  llhttp_get_method(parser: number): number;
  llhttp_get_errno(parser: number): number;
  malloc(size: number): number;
}

/** The largest piece of input copied into the parser's memory at once. */
const INPUT_BYTES = 64 * 1024;

let events: ParserEvents | undefined;
let llhttp: LlhttpExports | undefined;
let input = 0;

let memoryBytes: Buffer | undefined;

/** The text of `length` bytes at `at` in the parser's memory (latin1: a header is bytes, not UTF-8). */
function textAt(at: number, length: number): string {
  // One view of the memory, made again only when the memory grows (which detaches the old one).
  if (memoryBytes?.buffer !== llhttp!.memory.buffer) memoryBytes = Buffer.from(llhttp!.memory.buffer);
  return memoryBytes.toString('latin1', at, at + length);
}

function load(): LlhttpExports {
  if (llhttp) return llhttp;
  const wasm = require('undici/lib/llhttp/llhttp-wasm.js') as Buffer<ArrayBuffer>;
  const imports = {
    env: {
      wasm_on_message_begin: () => { events!.onMessageBegin(); return 0; },
      wasm_on_url: (_p: number, at: number, length: number) => events!.onUrl(textAt(at, length)),
      wasm_on_status: () => 0,
      wasm_on_header_field: (_p: number, at: number, length: number) => events!.onHeaderField(textAt(at, length)),
      wasm_on_header_value: (_p: number, at: number, length: number) => events!.onHeaderValue(textAt(at, length)),
      wasm_on_headers_complete: (p: number, _status: number, upgrade: number, shouldKeepAlive: number) =>
        events!.onHeadersComplete(llhttp!.llhttp_get_method(p), llhttp!.llhttp_get_http_minor(p), shouldKeepAlive === 1, upgrade === 1),
      wasm_on_body: (_p: number, at: number, length: number) => { events!.onBody(Buffer.from(llhttp!.memory.buffer, at, length)); return 0; },
      wasm_on_message_complete: () => events!.onMessageComplete(),
    },
  };
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), imports);
  llhttp = instance.exports as unknown as LlhttpExports;
  llhttp._initialize();
  input = llhttp.malloc(INPUT_BYTES);
  return llhttp;
}

/** How far one call of `execute` got: all of the bytes, up to a pause, or to an error. */
export type ParseOutcome =
  | { kind: 'done' }
  | { kind: 'paused'; consumed: number }
  | { kind: 'error'; errno: number };

/** One connection's request parser. */
export class RequestParser {
  readonly #parser: number;
  readonly #events: ParserEvents;

  constructor(parserEvents: ParserEvents) {
    this.#parser = load().llhttp_alloc(TYPE_REQUEST);
    this.#events = parserEvents;
  }

  /** Parses `bytes` until they end, a callback pauses the parser, or they are not HTTP/1.1. */
  execute(bytes: Buffer): ParseOutcome {
    const parser = load();
    events = this.#events;
    try {
      for (let offset = 0; offset < bytes.length; offset += INPUT_BYTES) {
        const piece = bytes.subarray(offset, offset + INPUT_BYTES);
        new Uint8Array(parser.memory.buffer, input, piece.length).set(piece);
        const errno = parser.llhttp_execute(this.#parser, input, piece.length);
        if (errno === LLHTTP_PAUSED) {
          parser.llhttp_resume(this.#parser);
          return { kind: 'paused', consumed: offset + parser.llhttp_get_error_pos(this.#parser) - input };
        }
        if (errno !== LLHTTP_OK) return { kind: 'error', errno };
      }
      return { kind: 'done' };
    } finally {
      events = undefined;
    }
  }

  free(): void {
    load().llhttp_free(this.#parser);
  }
}
