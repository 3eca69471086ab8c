/**
 * Browsers on other origins (DESIGN.md, "Browsers on other origins";
 * docs/protocol.md, "Browser clients"): only an `Origin` the config lists
 * gets CORS headers, naming that origin, never `*`. Tokens travel in
 * `Authorization` (or, for EventSource, the address), never in cookies, so no
 * answer allows credentials and a listed page gains nothing from a user's
 * other sessions.
 */

/** The methods of the API a page may call, for a preflight's answer. */
const ALLOWED_METHODS = 'GET, HEAD, POST, PUT';
/** What a page may send: its token, a body's type, and where an EventSource left off. */
const ALLOWED_HEADERS = 'Authorization, Content-Type, Last-Event-ID';
/** What a page may read beyond the simple headers: when to come back after a 429 or 503. */
const EXPOSED_HEADERS = 'Retry-After';
/** How long a browser may keep a preflight's answer: a config reload is seen within 10 minutes. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

/** The CORS headers of an answer to a request from `origin`: none unless it is listed. */
export function corsHeaders(origins: readonly string[], origin: string | undefined): Record<string, string> {
  if (origin === undefined || !origins.includes(origin)) return {};
  // Vary: a cache between must not give this answer to a page of another origin.
  return { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': EXPOSED_HEADERS };
}

/**
 * The answer to a preflight (`OPTIONS` with `Access-Control-Request-Method`) from
 * a listed origin; undefined for any other request, which is served as before.
 */
export function preflightHeaders(
  origins: readonly string[], method: string, headers: { origin?: string | undefined; 'access-control-request-method'?: string | undefined },
): Record<string, string> | undefined {
  if (method !== 'OPTIONS' || headers['access-control-request-method'] === undefined) return undefined;
  const allowed = corsHeaders(origins, headers.origin);
  if (!('access-control-allow-origin' in allowed)) return undefined;
  return {
    'access-control-allow-origin': allowed['access-control-allow-origin']!,
    vary: 'Origin',
    'access-control-allow-methods': ALLOWED_METHODS,
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': String(PREFLIGHT_MAX_AGE_SECONDS),
  };
}
