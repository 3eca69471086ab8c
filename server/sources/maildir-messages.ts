import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';

/** One unseen message file: where it lies and its name there. */
export interface UnseenFile {
  /** The Maildir folder (the root or a Maildir++ sub-folder). */
  folder: string;
  dir: 'new' | 'cur';
  name: string;
}

// A header bigger than this is cut here; no mail client writes one, a hostile sender might.
const MAX_HEADER_BYTES = 256 * 1024;
const CHUNK_BYTES = 8 * 1024;

/**
 * The unique part of a Maildir file name: everything before the info part
 * (`:2,FS`). It stays the same when a client moves the file to cur/ or
 * changes its flags, so it names the message for as long as it exists.
 */
export function uniqueOf(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(0, colon);
}

/**
 * When the message was delivered, from its name (`1705312000.M811P42.host`:
 * seconds, then microseconds), so finding the newest needs no stat of every
 * file. A name that does not start with a time sorts as the oldest.
 */
export function deliveredAt(name: string): { seconds: number; micros: number } {
  const match = /^(\d{1,12})(?:\.M(\d{1,9}))?/.exec(name);
  return match ? { seconds: Number(match[1]), micros: Number(match[2] ?? 0) } : { seconds: 0, micros: 0 };
}

/** Newest first by delivery time; the same second falls back to the name, so the order is stable. */
export function newestFirst(files: readonly UnseenFile[]): UnseenFile[] {
  const keyed = files.map((file) => ({ file, at: deliveredAt(file.name) }));
  keyed.sort((a, b) => b.at.seconds - a.at.seconds || b.at.micros - a.at.micros || (a.file.name < b.file.name ? 1 : -1));
  return keyed.map((k) => k.file);
}

export function pathOf(file: UnseenFile): string {
  return join(file.folder, file.dir, file.name);
}

/**
 * The message's header block, read in small chunks until the empty line that
 * ends it: the body is never read (past the chunk the header ends in).
 */
export async function readHeader(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    while (size < MAX_HEADER_BYTES) {
      const chunk = Buffer.alloc(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, size);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      // Look back a little into the previous chunk: the empty line may straddle two.
      const from = Math.max(0, size - 3);
      size += bytesRead;
      const end = headerEnd(Buffer.concat(chunks, size), from);
      if (end >= 0) return Buffer.concat(chunks, size).subarray(0, end);
    }
    return Buffer.concat(chunks, size);
  } finally {
    await handle.close();
  }
}

/** Where the header ends (after its empty line), or -1 when it goes on. */
function headerEnd(bytes: Buffer, from: number): number {
  const lf = bytes.indexOf('\n\n', from);
  const crlf = bytes.indexOf('\n\r\n', from);
  if (lf < 0 && crlf < 0) return -1;
  if (crlf < 0 || (lf >= 0 && lf < crlf)) return lf + 2;
  return crlf + 3;
}

/**
 * Marks one message seen as a mail client does: a rename into cur/ with `S`
 * added to its flags, which is atomic. False when the file is gone (read,
 * moved or deleted meanwhile): not an error, there is nothing left to mark.
 */
export async function markSeen(file: UnseenFile): Promise<boolean> {
  try {
    await rename(pathOf(file), join(file.folder, 'cur', seenName(file.name)));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** The name with the `S` flag added; flags stay in ASCII order, as the Maildir spec asks. */
export function seenName(name: string): string {
  const info = name.lastIndexOf(':2,');
  if (info < 0) return `${uniqueOf(name)}:2,S`;
  const flags = new Set(name.slice(info + 3));
  flags.add('S');
  return `${name.slice(0, info)}:2,${[...flags].sort().join('')}`;
}
