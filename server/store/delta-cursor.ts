import { createCipheriv, createDecipheriv, createHmac, hash, randomBytes, timingSafeEqual, type Cipheriv, type Decipheriv } from 'node:crypto';
import type { ChangeNumber } from './cursor.ts';

/**
 * The third part of a delta cursor (docs/protocol.md, "Delta answers"): the store's
 * change number when the answer was made, sealed for one client. In the clear
 * it would tell every client the store-wide count of changes, which /metrics
 * keeps behind `metrics.token`, and how many changes others' mailboxes had
 * between two of its answers.
 *
 * Sealed, it is one AES-128 block, 22 base64url characters: the change number
 * (8 bytes) and the first 8 bytes of the SHA-256 of the client's identity,
 * under a key the store keeps with its epoch, so every instance and worker of
 * the store opens it alike, and after a restart that keeps the epoch. One
 * block of a block cipher is a keyed permutation: the same change number gives
 * each client a different text, and nothing of the number shows. A text that
 * does not open to the asking client's identity was not made for that client.
 */
export const DELTA_KEY_BYTES = 16;

const BLOCK_BYTES = 16;
const SEALED_LENGTH = 22;

export function newDeltaKey(): Buffer {
  return randomBytes(DELTA_KEY_BYTES);
}

/** `seq` sealed for the client `identity` (ClientConfig.identity). */
export function sealSeq(key: Buffer, identity: string, seq: ChangeNumber): string {
  if (typeof seq === 'object') return sealNumbers(key, identity, seq);
  const block = Buffer.allocUnsafe(BLOCK_BYTES);
  block.writeUInt32BE(Math.floor(seq / 2 ** 32), 0);
  block.writeUInt32BE(seq % 2 ** 32, 4);
  tagOf(identity).copy(block, 8);
  return ciphersOf(key).cipher.update(block).toString('base64url');
}

/** The change number sealed in `sealed` for `identity`, or undefined when it was not sealed with this key for this client. */
export function openSeq(key: Buffer, identity: string, sealed: string): ChangeNumber | undefined {
  if (sealed.length > SEALED_LENGTH) return openNumbers(key, identity, sealed);
  if (sealed.length !== SEALED_LENGTH) return undefined;
  const bytes = Buffer.from(sealed, 'base64url');
  // Only the text sealSeq writes: no second spelling of the same block.
  if (bytes.length !== BLOCK_BYTES || bytes.toString('base64url') !== sealed) return undefined;
  const block = ciphersOf(key).decipher.update(bytes);
  if (!block.subarray(8).equals(tagOf(identity))) return undefined;
  const seq = block.readUInt32BE(0) * 2 ** 32 + block.readUInt32BE(4);
  return Number.isSafeInteger(seq) ? seq : undefined;
}

// One cipher and decipher per key, made once and never finished: in ECB each
// block stands alone, so update() seals or opens one block with no state
// carried to the next, and making an OpenSSL context per cursor cost 15 µs.
const ciphers = new WeakMap<Buffer, { cipher: Cipheriv; decipher: Decipheriv }>();

function ciphersOf(key: Buffer): { cipher: Cipheriv; decipher: Decipheriv } {
  let made = ciphers.get(key);
  if (!made) {
    made = {
      cipher: createCipheriv('aes-128-ecb', key, null).setAutoPadding(false),
      decipher: createDecipheriv('aes-128-ecb', key, null).setAutoPadding(false),
    };
    ciphers.set(key, made);
  }
  return made;
}

function tagOf(identity: string): Buffer {
  return hash('sha256', identity, 'buffer').subarray(0, 8);
}

// A cluster store's change numbers (one per part, cluster-store.ts) do not fit one
// block: they are written as varints, encrypted in CBC mode under the same key
// (a zero IV: the same numbers give one client the same text, as a single block
// does), and followed by 8 bytes of an HMAC over the client's identity and the
// ciphertext, so a text made for another client, or changed, does not open.
const MAC_BYTES = 8;
const MAX_NUMBERS = 64;

function sealNumbers(key: Buffer, identity: string, numbers: readonly number[]): string {
  const bytes: number[] = [numbers.length];
  for (const n of numbers) {
    // Varint in base 128; division, not shifts: the numbers may pass 2^32.
    let rest = n;
    while (rest >= 128) {
      bytes.push((rest % 128) | 128);
      rest = Math.floor(rest / 128);
    }
    bytes.push(rest);
  }
  const plain = Buffer.alloc(Math.ceil(bytes.length / BLOCK_BYTES) * BLOCK_BYTES);
  Buffer.from(bytes).copy(plain);
  const cipher = createCipheriv('aes-128-cbc', key, Buffer.alloc(BLOCK_BYTES)).setAutoPadding(false);
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([sealed, macOf(key, identity, sealed)]).toString('base64url');
}

function openNumbers(key: Buffer, identity: string, text: string): number[] | undefined {
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) return undefined;
  const sealed = bytes.subarray(0, bytes.length - MAC_BYTES);
  if (sealed.length === 0 || sealed.length % BLOCK_BYTES !== 0) return undefined;
  if (!timingSafeEqual(bytes.subarray(sealed.length), macOf(key, identity, sealed))) return undefined;
  const decipher = createDecipheriv('aes-128-cbc', key, Buffer.alloc(BLOCK_BYTES)).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(sealed), decipher.final()]);
  const count = plain[0]!;
  if (count === 0 || count > MAX_NUMBERS) return undefined;
  const numbers: number[] = [];
  let at = 1;
  for (let i = 0; i < count; i++) {
    let n = 0;
    let scale = 1;
    for (;;) {
      const byte = plain[at++];
      if (byte === undefined) return undefined;
      n += (byte & 127) * scale;
      scale *= 128;
      if (byte < 128) break;
    }
    if (!Number.isSafeInteger(n)) return undefined;
    numbers.push(n);
  }
  return numbers;
}

function macOf(key: Buffer, identity: string, sealed: Buffer): Buffer {
  return createHmac('sha256', key).update(identity).update('\0').update(sealed).digest().subarray(0, MAC_BYTES);
}
