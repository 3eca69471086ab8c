/**
 * How the store spreads over a Redis Cluster (docs/redis.md, "Redis
 * Cluster"). A cluster keeps each key in one of 16,384 hash slots, and a
 * script may touch keys of one slot only. The store's data is therefore cut
 * into CLUSTER_PARTS parts, each a whole copy of the single-Redis layout
 * (redis-keys.ts) under its own hash tag, so each part's changes stay atomic;
 * a mailbox belongs to one part, by a hash of its id. Each part's tag is
 * picked so that the parts' slots lie evenly over the slot space: a cluster
 * whose masters hold ranges of slots (as `redis-cli --cluster create` and
 * reshard make them) gets parts on every master.
 */

/** How many parts the data is cut into on a cluster. Fixed: every instance must agree, and a change would move every mailbox. */
export const CLUSTER_PARTS = 16;

export const SLOT_COUNT = 16_384;

// CRC-16/XMODEM, the checksum Redis Cluster takes modulo 16,384 (cluster.c, keyHashSlot).
const table = Array.from({ length: 256 }, (_, byte) => {
  let crc = byte << 8;
  for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  return crc;
});

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) & 0xffff) ^ table[((crc >> 8) ^ byte) & 0xff]!;
  return crc;
}

/** The hash slot of a key, hash tags included, as Redis Cluster computes it. */
export function keySlot(key: string): number {
  const open = key.indexOf('{');
  if (open !== -1) {
    const close = key.indexOf('}', open + 1);
    if (close > open + 1) key = key.slice(open + 1, close);
  }
  return crc16(Buffer.from(key, 'utf8')) % SLOT_COUNT;
}

/**
 * The prefixes of the parts (each becomes a hash tag in keysFor): `prefix`
 * and a short suffix, the first one whose slot lies in the part's share of
 * the slot space. The same prefix always gives the same parts.
 */
export function partPrefixes(prefix: string, parts = CLUSTER_PARTS): string[] {
  const share = SLOT_COUNT / parts;
  return Array.from({ length: parts }, (_, part) => {
    for (let n = 0; ; n++) {
      const candidate = `${prefix}#${n.toString(36)}`;
      if (Math.floor(keySlot(candidate) / share) === part) return candidate;
    }
  });
}

/** The part a mailbox belongs to: every instance computes the same one from the id alone. */
export function partOf(id: string, parts = CLUSTER_PARTS): number {
  // FNV-1a over the UTF-16 code units: fast, and independent of the slot hash above.
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % parts;
}
