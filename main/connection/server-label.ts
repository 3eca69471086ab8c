import type { ServerLabel } from '../ipc-contract.ts';

/** How the window names the server, and whether its traffic is in clear text over a network. */
export function serverLabel(server: { mode: 'bundled' } | { mode: 'remote'; url: string }): ServerLabel {
  if (server.mode === 'bundled') return { mode: 'bundled', label: 'bundled server', isInsecure: false };
  let url: URL;
  try {
    url = new URL(server.url);
  } catch {
    return { mode: 'remote', label: server.url, isInsecure: false };
  }
  return { mode: 'remote', label: url.host, isInsecure: url.protocol === 'http:' && !isThisMachine(url.hostname) };
}

/** Loopback names: plain http never leaves the machine. */
export function isThisMachine(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1';
}

