/** A database URL as the SQL source keeps it: the secret, and what may be shown in its place. */
export interface DatabaseUrl {
  /** The full URL, password included: for the driver only. */
  secret: string;
  /** `PostgreSQL at host:port/database`: for logs and mailbox errors. */
  where: string;
  /** The password as written and as decoded, to blank out of any driver message. */
  passwords: string[];
}

/** Reads a postgres:// URL; undefined when it is not one (the caller says so without echoing it). */
export function readDatabaseUrl(text: string): DatabaseUrl | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return undefined;
  const database = decodeSafely(url.pathname.slice(1)) || decodeSafely(url.username) || 'postgres';
  const host = url.hostname ? `${url.hostname}:${url.port || '5432'}` : 'the local socket';
  const passwords = [url.password, decodeSafely(url.password)].filter((p) => p !== '');
  return { secret: text, where: `PostgreSQL at ${host}/${database}`, passwords: [...new Set(passwords)] };
}

/** The message with every form of the password replaced, in case a driver ever quotes the URL. */
export function withoutPassword(message: string, url: DatabaseUrl): string {
  let clean = message;
  for (const password of url.passwords) clean = clean.split(password).join('***');
  return clean;
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
