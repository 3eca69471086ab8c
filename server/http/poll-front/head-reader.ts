import { LLHTTP_USER } from './llhttp.ts';
import type { RequestHead } from './served-requests.ts';

/**
 * node:http's default --max-http-header-size. It counts the address and the
 * headers' names and values (not the method, colons or line ends) and refuses
 * a head whose count reaches it: 16,384 is refused, 16,383 is not.
 */
export const MAX_HEAD_BYTES = 16 * 1024;
/** node:http refuses a request's 1,001st header line with 431 (Node 24; the differential test holds the front to it). */
export const MAX_HEADERS = 1000;

/**
 * A request's head as llhttp tells it in pieces, kept as node:http keeps it:
 * the headers the front needs, the first of two, within node:http's limits.
 * The `on...` methods return what llhttp's callbacks return: 0 to go on,
 * LLHTTP_USER to stop (node:http then refuses the request in its words).
 * One per connection, reset in place for each request.
 */
export class HeadReader {
  readonly head: RequestHead = resetHead({} as RequestHead);
  #headBytes = 0;
  #headerCount = 0;
  #field = '';
  #value = '';
  // Whether llhttp told the value of the header being read. It tells an empty value as '',
  // so the next field then begins a header of its own, as in node:http: the text alone
  // cannot say that ("Authoriz:" then "ation: Bearer ..." are two headers, not one).
  #hasValue = false;

  /** A new request begins: nothing of the one before (a header half read) may reach it. */
  reset(): void {
    resetHead(this.head);
    this.#headBytes = 0;
    this.#headerCount = 0;
    this.#field = '';
    this.#value = '';
    this.#hasValue = false;
  }

  onUrl(text: string): number {
    this.head.url += text;
    return this.#countHeadBytes(text.length);
  }

  onHeaderField(text: string): number {
    if (this.#hasValue) this.#takeHeader();
    if (this.#field === '' && ++this.#headerCount > MAX_HEADERS) return LLHTTP_USER;
    this.#field += text;
    return this.#countHeadBytes(text.length);
  }

  onHeaderValue(text: string): number {
    this.#value += text;
    this.#hasValue = true;
    return this.#countHeadBytes(text.length);
  }

  /** The headers are read: the last one is taken, and the head is whole. */
  complete(method: number, versionMinor: number, isUpgrade: boolean): RequestHead {
    if (this.#hasValue || this.#field !== '') this.#takeHeader();
    const head = this.head;
    head.method = method;
    head.versionMinor = versionMinor;
    head.isUpgrade = isUpgrade;
    return head;
  }

  /** As node:http counts a head, after each piece of it: past its limit the parser stops, and node:http refuses the request. */
  #countHeadBytes(length: number): number {
    this.#headBytes += length;
    return this.#headBytes >= MAX_HEAD_BYTES ? LLHTTP_USER : 0;
  }

  /** The header just read, as node:http keeps it: the first of two, without trailing spaces and tabs. */
  #takeHeader(): void {
    const head = this.head;
    switch (this.#field.toLowerCase()) {
      case 'authorization': head.authorization ??= withoutTrailingSpace(this.#value); break;
      case 'host': head.hasHost = true; break;
      case 'content-length': head.contentLength ??= withoutTrailingSpace(this.#value); break;
      case 'content-type': head.contentType ??= withoutTrailingSpace(this.#value); break;
      case 'transfer-encoding': head.isChunked = true; break;
      case 'expect': head.hasExpect = true; break;
      case 'origin': head.hasOrigin = true; break;
      default: break;
    }
    this.#field = '';
    this.#value = '';
    this.#hasValue = false;
  }
}

function resetHead(head: RequestHead): RequestHead {
  head.method = 0;
  head.url = '';
  head.versionMinor = 1;
  head.isUpgrade = false;
  head.authorization = undefined;
  head.contentType = undefined;
  head.contentLength = undefined;
  head.hasHost = false;
  head.isChunked = false;
  head.hasExpect = false;
  head.hasOrigin = false;
  return head;
}

/** node:http drops a value's trailing whitespace (llhttp already skips the leading). */
function withoutTrailingSpace(value: string): string {
  let end = value.length;
  while (end > 0 && (value.charCodeAt(end - 1) === 0x20 || value.charCodeAt(end - 1) === 0x09)) end -= 1;
  return end === value.length ? value : value.slice(0, end);
}
