export type UrlCheck = { ok: true; url: string } | { ok: false; message: string };

const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i;
const loopbackHost = /^(localhost|127(\.\d{1,3}){3}|\[::1\])(:\d+)?(\/|$)/i;

/**
 * A remote server's address as it will be saved: scheme added when missing
 * (http:// for this machine, https:// elsewhere), trailing slashes removed;
 * or why it cannot be one.
 */
export function normaliseServerUrl(raw: string): UrlCheck {
  const typed = raw.trim();
  if (typed === '') return { ok: false, message: "Enter the server's address, like https://mail.example.com." };
  const withScheme = hasScheme.test(typed) ? typed : `${loopbackHost.test(typed) ? 'http' : 'https'}://${typed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, message: 'This is not a web address. Write it like https://mail.example.com.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: 'Use an address that starts with https:// (or http://).' };
  }
  if (url.hostname === '' || /\s/.test(typed)) {
    return { ok: false, message: 'This is not a web address. Write it like https://mail.example.com.' };
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, message: 'Leave the user name and password out of the address; the token goes in Token.' };
  }
  if (url.search !== '' || url.hash !== '') {
    return { ok: false, message: 'The address cannot have a ?query or a #part.' };
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
    if (to === '' || /\s/.test(to)) return { ok: false, message: 'Write a mail address like mailto:ann@example.com.' };
    return { ok: true, url: `mailto:${to}` };
  }
  let url: URL;
  try {
    url = new URL(hasScheme.test(typed) ? typed : `https://${typed}`);
  } catch {
    return { ok: false, message: 'This is not a web address. Write it like https://mail.example.com.' };
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '' || /\s/.test(typed)) {
    return { ok: false, message: 'Use a web address that starts with https:// (or http://), or a mailto: address.' };
  }
  return { ok: true, url: url.href };
}
