import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * How the window's files are served: from `mailtray://app/`, a custom
 * protocol (Electron's `protocol.handle`), not `file://`. A file:// page gets
 * no response headers, so only its own <meta> CSP applied; here every answer
 * carries the strict CSP as a header, and only the window's own folder can be
 * read. `windowResponse` decides everything; main/electron/window.ts gives it
 * the request and a way to read a file, and hands Electron the answer.
 */

export const WINDOW_SCHEME = 'mailtray';
export const WINDOW_HOST = 'app';
export const WINDOW_URL = `${WINDOW_SCHEME}://${WINDOW_HOST}/index.html`;

/** The window loads its own scripts, styles and images and nothing else; no network at all (main polls). */
export const WINDOW_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
  + "connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The file types the window is built from (Vite's output and the placeholder); anything else is not served. */
const mimeTypes: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
  png: 'image/png',
  svg: 'image/svg+xml',
  ico: 'image/x-icon',
  woff2: 'font/woff2',
};

/** Reads a file by its path inside the window's folder ("assets/app.js"); undefined when there is none. */
export type ReadWindowFile = (relativePath: string) => Promise<Uint8Array<ArrayBuffer> | undefined>;

/** The answer to one request for a window file. */
export async function windowResponse(request: Request, readFile: ReadWindowFile): Promise<Response> {
  const path = windowFilePath(request.url);
  if (path === undefined) return refusal(404, 'not a file of the window');
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'the window\'s files are only read', { Allow: 'GET, HEAD' });
  const type = mimeTypes[path.slice(path.lastIndexOf('.') + 1).toLowerCase()];
  if (!path.includes('.') || type === undefined) return refusal(404, 'not a file type the window uses');
  const body = await readFile(path);
  if (body === undefined) return refusal(404, 'no such file in the window');
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: { ...commonHeaders, 'Content-Type': type, 'Content-Length': String(body.byteLength) },
  });
}

/**
 * Whether an address is one of the window's own pages (`mailtray://app/...`):
 * only such a page may call main (main/electron/ipc.ts checks the sender's frame).
 */
export function isWindowPage(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${WINDOW_SCHEME}:` && parsed.host === WINDOW_HOST;
  } catch {
    return false;
  }
}

/**
 * The file a `mailtray://app/...` address names, as a relative path with no
 * way out of the window's folder, or undefined. "/" is index.html. Every
 * segment is checked after decoding, so `..%2F` or `%5C` cannot climb out.
 */
export function windowFilePath(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== `${WINDOW_SCHEME}:` || parsed.host !== WINDOW_HOST) return undefined;
  const pathname = parsed.pathname === '/' ? '/index.html' : parsed.pathname;
  const segments: string[] = [];
  for (const raw of pathname.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (segment === '' || segment === '.' || segment === '..' || /[/\\\0:]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments.join('/');
}

/** Reads the files of one folder; windowResponse has already refused any path that would leave it. */
export function readFilesIn(folder: string): ReadWindowFile {
  return async (relativePath) => {
    try {
      return await readFile(join(folder, relativePath));
    } catch {
      return undefined;
    }
  };
}

const commonHeaders = {
  'Content-Security-Policy': WINDOW_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

function refusal(status: number, words: string, headers: Record<string, string> = {}): Response {
  return new Response(words, { status, headers: { ...commonHeaders, ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}
