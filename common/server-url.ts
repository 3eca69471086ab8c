import type { Words } from './i18n/translator.ts';

/** An address as it will be saved, or why it cannot be one (said in the window's language). */
export type UrlCheck = { ok: true; url: string } | { ok: false; message: Words };

const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i;
const loopbackHost = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?(\/|$)/i;

/**
 * A remote server's address as it will be saved: scheme added when missing
 * (http:// for this machine, https:// elsewhere), trailing slashes removed;
 * or why it cannot be one.
 */
export function normaliseServerUrl(raw: string): UrlCheck {
  const typed = raw.trim();
  if (typed === '') return { ok: false, message: { key: 'check.url.empty' } };
  const withScheme = hasScheme.test(typed) ? typed : `${loopbackHost.test(typed) ? 'http' : 'https'}://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: { key: 'check.url.notAddress' } };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: { key: 'check.url.scheme' } };
  }
  if (url.hostname === '' || /\s/.test(typed)) {
    return { ok: false, message: { key: 'check.url.notAddress' } };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: { key: 'check.url.credentials' } };
  }
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, message: { key: 'check.url.queryOrPart' } };
  }
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.protocol}//${url.host}${path}` };
}

/**
 * An account's optional web address: empty stays empty; `mailto:` stays a
 * mail address (a click opens the mail client); otherwise a full http(s) URL,
 * `https://` added when no scheme was typed.
 */
export function normaliseWebUrl(raw: string): UrlCheck {
  const typed = raw.trim();
  if (typed === '') return { ok: true, url: '' };
  const mailto = /^mailto:(.*)$/is.exec(typed);
  if (mailto) {
    const to = mailto[1]!;
    if (to === '' || /\s/.test(to)) return { ok: false, message: { key: 'check.url.mailto' } };
    return { ok: true, url: `mailto:${to}` };
  }
  let url: URL;
  try {
    url = new URL(hasScheme.test(typed) ? typed : `https://${typed}`);
  } catch {
    return { ok: false, message: { key: 'check.url.notAddress' } };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || /\s/.test(typed)) {
    return { ok: false, message: { key: 'check.webUrl' } };
  }
  return { ok: true, url: url.href };
}
