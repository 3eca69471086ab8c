/**
 * The two ways the server takes a connection (docs/architecture.md, "HTTP: the
 * poll front and Fastify"): the poll front first, as by default, or node:http
 * and Fastify for every request (`"http": {"pollFront": false}`). The protocol
 * suites run on both, so the front stays a faster way to the same answers and
 * never becomes a second contract.
 */
export const httpPaths = ['poll front', 'node:http'] as const;
export type HttpPath = (typeof httpPaths)[number];

/** Config overrides that select the path. */
export function httpPathConfig(path: HttpPath): Record<string, unknown> {
  return path === 'node:http' ? { http: { pollFront: false } } : {};
}
