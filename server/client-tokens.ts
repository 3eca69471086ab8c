import type { ClientConfig } from './config.ts';
import { isSignedToken, verifyToken } from './signed-tokens.ts';
import type { TokenTable } from './tokens.ts';

export interface SignedTokenOptions {
  /** Key id -> HMAC secret, as the config says now (a reload may change them). Empty: signed tokens are refused. */
  keys: () => ReadonlyMap<string, Buffer>;
  /** Whether a token id is on the deny list (the config's, or Redis's when Redis is the store). */
  isDenied: (tokenId: string) => boolean;
  now?: () => number;
}

// A verified token is kept so a client's next polls cost a lookup, not an HMAC
// and a JSON parse; the deny list and the expiry are still checked each time.
const CACHE_LIMIT = 100_000;

interface Verified {
  client: ClientConfig;
  tokenId: string;
  exp: number;
}

/**
 * Every client token the server accepts: the config's (by digest) and, when
 * the config has signing keys, self-contained signed ones.
 */
export class ClientTokens {
  readonly #table: TokenTable<ClientConfig>;
  readonly #signed: SignedTokenOptions;
  readonly #now: () => number;
  readonly #verified = new Map<string, Verified>();

  constructor(table: TokenTable<ClientConfig>, signed: SignedTokenOptions) {
    this.#table = table;
    this.#signed = signed;
    this.#now = signed.now ?? Date.now;
  }

  /** After a reload: the config's clients now, and every verified token checked again. */
  replace(clients: readonly ClientConfig[]): void {
    this.#table.replace(clients);
    this.#verified.clear();
  }

  find(token: string): ClientConfig | undefined {
    if (!isSignedToken(token)) return this.#table.find(token);
    const held = this.#verified.get(token);
    if (held) {
      if (held.exp * 1000 > this.#now() && !this.#signed.isDenied(held.tokenId)) return held.client;
      this.#verified.delete(token);
      return undefined;
    }
    const keys = this.#signed.keys();
    if (keys.size === 0) return undefined;
    const holder = verifyToken(token, keys, this.#now() / 1000, this.#signed.isDenied);
    if (typeof holder === 'string') return undefined;
    if (this.#verified.size >= CACHE_LIMIT) this.#verified.clear();
    // Signed tokens see messages; marking read stays a config client's permission.
    const client: ClientConfig = { name: holder.name, digest: Buffer.alloc(0), view: holder.view, seesMessages: true, canMarkRead: false };
    this.#verified.set(token, { client, tokenId: holder.tokenId, exp: expiryOf(token) });
    return client;
  }

  /** Why a signed token is refused, for the 401's sentence; undefined for other tokens. */
  refusal(token: string): string | undefined {
    if (!isSignedToken(token)) return undefined;
    const keys = this.#signed.keys();
    if (keys.size === 0) return 'this server takes no signed tokens (its config has no signedTokens keys)';
    const holder = verifyToken(token, keys, this.#now() / 1000, this.#signed.isDenied);
    return typeof holder === 'string' ? holder : undefined;
  }
}

function expiryOf(token: string): number {
  const payload = token.split('.')[2] ?? '';
  return (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp: number }).exp;
}
