import { isSignedToken, MAX_SIGNED_TOKEN_LENGTH, signatureOf, verifyToken } from './signed-tokens.ts';
import type { View } from '../store/store.ts';
import type { TokenDigest, TokenTable } from './token-table.ts';

/** A client of the config (`clients`), or one a signed token stands for. */
export interface ClientConfig {
  name: string;
  /**
   * Who holds the token, told apart from every other holder: `client:<name>`
   * for a config entry, `signed:<token id>` for a signed token (whose name is
   * any text its signer chose). Held-poll limits and delta cursors are per identity.
   */
  identity: string;
  digest: TokenDigest;
  view: View;
  /** Whether its answers carry the newest messages (`"messages": false` strips them: counts only). */
  seesMessages: boolean;
  /** Whether it may mark messages read at the source (`"canMarkRead": true`). */
  canMarkRead: boolean;
}

export interface SignedTokenOptions {
  /** Key id -> HMAC secret, as the config says now (a reload may change them). Empty: signed tokens are refused. */
  keys: () => ReadonlyMap<string, Buffer>;
  /** Whether a token id is on the deny list (the config's, or Redis's when Redis is the store). */
  isDenied: (tokenId: string) => boolean;
  now?: () => number;
  /** How many verified tokens are kept; the least recently used goes first. */
  cacheLimit?: number;
}

// A verified token is kept so a client's next polls cost a lookup, not an HMAC
// and a JSON parse; the deny list and the expiry are still checked each time.
const CACHE_LIMIT = 100_000;

interface Verified {
  /** The whole token that was verified; a lookup by its signature must present exactly this. */
  token: string;
  client: ClientConfig;
  tokenId: string;
  exp: number;
  /** Used since it was verified or last passed over by eviction: it gets a second chance. */
  isUsed: boolean;
}

/**
 * Every client token the server accepts: the config's (by digest) and, when
 * the config has signing keys, self-contained signed ones.
 */
export class ClientTokens {
  readonly #table: TokenTable<ClientConfig>;
  readonly #signed: SignedTokenOptions;
  readonly #now: () => number;
  readonly #cacheLimit: number;
  /**
   * Verified tokens by their signature, in the order they were verified or
   * given a second chance (see #evictOne). Keyed on what was verified, not
   * on the text a client sent: a token has one spelling that verifies, and
   * only a verified token is ever kept, so refused texts cost nothing here.
   */
  readonly #verified = new Map<string, Verified>();

  constructor(table: TokenTable<ClientConfig>, signed: SignedTokenOptions) {
    this.#table = table;
    this.#signed = signed;
    this.#now = signed.now ?? Date.now;
    this.#cacheLimit = signed.cacheLimit ?? CACHE_LIMIT;
  }

  /** How many verified signed tokens are kept now (at most the cache limit). */
  get cachedTokens(): number {
    return this.#verified.size;
  }

  /** After a reload: the config's clients now, and every verified token checked again. */
  replace(clients: readonly ClientConfig[]): void {
    this.#table.replace(clients);
    this.#verified.clear();
  }

  find(token: string): ClientConfig | undefined {
    if (!isSignedToken(token)) return this.#table.find(token);
    if (token.length > MAX_SIGNED_TOKEN_LENGTH) return undefined;
    const signature = signatureOf(token);
    const held = this.#verified.get(signature);
    if (held?.token === token) {
      if (held.exp * 1000 <= this.#now() || this.#signed.isDenied(held.tokenId)) {
        this.#verified.delete(signature);
        return undefined;
      }
      held.isUsed = true;
      return held.client;
    }
    const keys = this.#signed.keys();
    if (keys.size === 0) return undefined;
    const holder = verifyToken(token, keys, this.#now() / 1000, this.#signed.isDenied);
    if (typeof holder === 'string') return undefined;
    if (this.#verified.size >= this.#cacheLimit) this.#evictOne();
    // Signed tokens see messages; marking read stays a config client's permission.
    // Its identity is its token id: its held-poll limit and cursors are its own, whatever name it carries.
    const client: ClientConfig = {
      name: holder.name, identity: `signed:${holder.tokenId}`, digest: Buffer.alloc(0), view: holder.view, seesMessages: true, canMarkRead: false,
    };
    this.#verified.set(signature, { token, client, tokenId: holder.tokenId, exp: holder.exp, isUsed: false });
    return client;
  }

  /**
   * Drops the least recently used token, by the "second chance" rule: the
   * oldest entry goes unless it was used since it was last passed over, in
   * which case it moves to the back. A hit then costs setting a flag, not
   * moving its entry (that doubled the cost of a known token's poll).
   */
  #evictOne(): void {
    for (const [signature, entry] of this.#verified) {
      this.#verified.delete(signature);
      if (!entry.isUsed) return;
      entry.isUsed = false;
      this.#verified.set(signature, entry);
    }
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
