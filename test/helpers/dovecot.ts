/**
 * A real Dovecot for tests and benchmarks: its own config (`-c`), base_dir,
 * passwd-file users and Maildir storage under a temp folder, a self-signed
 * certificate, and listeners on free 127.0.0.1 ports. Nothing system-wide is
 * read or written, so several instances can run side by side.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';

const run = promisify(execFile);
const dovecotBinary = '/usr/sbin/dovecot';

export interface DovecotUser {
  user: string;
  password: string;
}

export interface DovecotOptions {
  users: DovecotUser[];
  /** false: no TLS at all, so STARTTLS is not offered (for "STARTTLS required" tests). */
  tls?: boolean;
  /** false: IDLE is left out of the capabilities, as on servers that only allow polling. */
  idle?: boolean;
  /** true: also listen for LMTP, to deliver mail as a mail host's MTA would. */
  lmtp?: boolean;
  /** Config text appended as is (plugins, plugin settings). */
  extraConfig?: string;
  /**
   * Also accept OAuth2 access tokens (XOAUTH2 / OAUTHBEARER), checked by
   * Dovecot's passdb oauth2 against this introspection endpoint (RFC 7662),
   * where it authenticates with HTTP basic auth written into the URL.
   */
  oauth2?: { introspectionUrl: string; mechanisms?: Array<'xoauth2' | 'oauthbearer'> };
  /** false: NOTIFY (RFC 5465) is left out of the capabilities, so clients fall back to one IDLE per folder. */
  notify?: boolean;
  /** true: also serve POP3 (dovecot-pop3d) on the same users and mail: plain with STLS, and POP3S. */
  pop3?: boolean;
}

export interface Dovecot {
  /** Plain IMAP port; offers STARTTLS unless started with `tls: false`. */
  port: number;
  /** Implicit-TLS port (IMAPS); 0 when started with `tls: false`. */
  tlsPort: number;
  /** Path of the self-signed certificate (PEM), to trust it as a CA. */
  certPath: string;
  /** Dovecot's own log, for asserting what the server saw (e.g. login attempts). */
  log(): Promise<string>;
  /** Kills the master at once (SIGKILL), as a crash or a pulled cable would. */
  kill(): Promise<void>;
  /** Starts it again on the same ports and the same mail. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** A client logged in as `user` over plain IMAP, for appending and flagging mail. */
  client(user: DovecotUser): Promise<ImapFlow>;
  /** The LMTP port; 0 unless started with `lmtp: true`. */
  lmtpPort: number;
  /** Delivers a message to `user` over LMTP, as an MTA would. */
  deliver(user: string, message: string): Promise<void>;
  /** The POP3 port (offers STLS unless started with `tls: false`); 0 unless started with `pop3: true`. */
  pop3Port: number;
  /** The POP3S port; 0 unless started with `pop3: true` and TLS. */
  pop3TlsPort: number;
  /** Runs doveadm against this instance (`flags add`, `expunge`, ...); resolves with its output. */
  doveadm(args: string[]): Promise<string>;
}

/** Starts Dovecot and waits until it accepts connections. */
export async function startDovecot(options: DovecotOptions): Promise<Dovecot> {
  const dir = await mkdtemp(join(tmpdir(), 'mailtray-dovecot-'));
  // Dovecot's unprivileged processes run as dovecot/dovenull and must reach the files.
  await chmod(dir, 0o755);
  const mailDir = join(dir, 'mail');
  await mkdir(mailDir);
  await mkdir(join(dir, 'run'));
  await mkdir(join(dir, 'state'));
  const isRoot = userInfo().uid === 0;
  if (isRoot) await chown(mailDir, await idOf('dovecot', '-u'), await idOf('dovecot', '-g'));

  const isTls = options.tls ?? true;
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  if (isTls) {
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost']);
  }
  await writeFile(join(dir, 'passwd'), options.users.map((u) => `${u.user}:{PLAIN}${u.password}\n`).join(''));

  const port = await freePort();
  const tlsPort = isTls ? await freePort() : 0;
  const lmtpPort = options.lmtp ? await freePort() : 0;
  const pop3Port = options.pop3 ? await freePort() : 0;
  const pop3TlsPort = options.pop3 && isTls ? await freePort() : 0;
  const configPath = join(dir, 'dovecot.conf');
  if (options.oauth2) {
    // The token's owner (the introspection answer's "sub") must be the IMAP user name.
    await writeFile(join(dir, 'oauth2.conf.ext'), [
      'introspection_mode = post',
      `introspection_url = ${options.oauth2.introspectionUrl}`,
      'username_attribute = sub',
      'active_attribute = active',
      'active_value = true',
      '',
    ].join('\n'));
  }
  await writeFile(configPath, dovecotConfig({
    dir, port, tlsPort, certPath, keyPath, isRoot, hasIdle: options.idle ?? true,
    oauth2Mechanisms: options.oauth2 ? options.oauth2.mechanisms ?? ['xoauth2', 'oauthbearer'] : [],
    hasNotify: options.notify ?? true, lmtpPort, pop3Port, pop3TlsPort,
  }) + (options.extraConfig ?? ''));

  let master: ChildProcess | undefined;
  const startOnce = async () => {
    // Its own process group, so kill() can take the mail processes down with the master.
    master = spawn(dovecotBinary, ['-F', '-c', configPath], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    master.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<never>((_resolve, reject) => {
      master!.once('exit', (code) => reject(new Error(`dovecot exited (${code}): ${stderr}`)));
    });
    await Promise.race([waitForPort(port), exited]);
    master.removeAllListeners('exit');
  };
  const start = async () => {
    // After a SIGKILL the killed master's children die a moment after it, and one still
    // alive keeps its socket in run/: a restart then fails with "Socket already exists".
    for (let attempt = 1; ; attempt += 1) {
      try {
        await startOnce();
        return;
      } catch (error) {
        if (attempt >= 10 || !/Socket already exists/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  };
  const halt = async (signal: NodeJS.Signals) => {
    const child = master;
    master = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // SIGTERM: the master ends its children itself. SIGKILL: a crash of the whole server; the
    // imap processes would otherwise outlive the master and keep serving their clients.
    if (signal === 'SIGKILL') process.kill(-child.pid!, signal);
    else child.kill(signal);
    await exited;
    await waitForPortClosed(port);
  };
  await start();

  return {
    port,
    tlsPort,
    certPath,
    log: () => readFile(join(dir, 'dovecot.log'), 'utf8').catch(() => ''),
    kill: () => halt('SIGKILL'),
    restart: start,
    async stop() {
      await halt('SIGTERM');
      await rm(dir, { recursive: true, force: true });
    },
    lmtpPort,
    pop3Port,
    pop3TlsPort,
    deliver: (user, text) => deliverOverLmtp(lmtpPort, user, text),
    async doveadm(args) {
      const { stdout } = await run('doveadm', ['-c', configPath, ...args]);
      return stdout;
    },
    async client(user) {
      const client = new ImapFlow({
        host: '127.0.0.1', port, secure: false, doSTARTTLS: false,
        auth: { user: user.user, pass: user.password }, logger: false,
      });
      await client.connect();
      return client;
    },
  };
}

/** A minimal message; `subject` makes each one distinct. */
export function message(subject: string): string {
  return `From: sender@example.com\r\nTo: ann@example.com\r\nSubject: ${subject}\r\n` +
    `Message-ID: <${Math.random().toString(36).slice(2)}@example.com>\r\n\r\nHello.\r\n`;
}

interface ConfigParts {
  dir: string;
  port: number;
  tlsPort: number;
  certPath: string;
  keyPath: string;
  isRoot: boolean;
  hasIdle: boolean;
  oauth2Mechanisms: string[];
  hasNotify: boolean;
  lmtpPort: number;
  pop3Port: number;
  pop3TlsPort: number;
}

function dovecotConfig({ dir, port, tlsPort, certPath, keyPath, isRoot, hasIdle, oauth2Mechanisms, hasNotify, lmtpPort, pop3Port, pop3TlsPort }: ConfigParts): string {
  const ssl = tlsPort
    ? `ssl = yes\nssl_cert = <${certPath}\nssl_key = <${keyPath}\n`
    : 'ssl = no\n';
  const imaps = tlsPort ? `  inet_listener imaps {\n    port = ${tlsPort}\n    ssl = yes\n  }\n` : '';
  // As root, mail is owned by the dovecot user; otherwise by whoever runs the tests.
  const owner = isRoot ? 'uid=dovecot gid=dovecot ' : '';
  return `instance_name = mailtray-test-${port}
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap${lmtpPort ? ' lmtp' : ''}${pop3Port ? ' pop3' : ''}
listen = 127.0.0.1
${isRoot ? 'default_internal_user = dovecot\ndefault_internal_group = dovecot\ndefault_login_user = dovenull\n' : ''}
${ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login ${oauth2Mechanisms.join(' ')}
# Tests count login attempts; Dovecot's own 2 s delay would only slow them down.
auth_failure_delay = 0
first_valid_uid = 1
first_valid_gid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/passwd
}
${oauth2Mechanisms.length ? `passdb {\n  driver = oauth2\n  mechanisms = ${oauth2Mechanisms.join(' ')}\n  args = ${dir}/oauth2.conf.ext\n}\n` : ''}userdb {
  driver = static
  args = ${owner}home=${dir}/mail/%u
}
mail_location = maildir:~/Maildir
${capabilities(hasIdle, hasNotify)}service imap-login {
  inet_listener imap {
    port = ${port}
  }
${imaps}  chroot =
}
${pop3Port ? pop3Service(pop3Port, pop3TlsPort) : ''}${lmtpPort ? `service lmtp {\n  inet_listener lmtp {\n    address = 127.0.0.1\n    port = ${lmtpPort}\n  }\n}\n` : ''}`;
}

/** dovecot-pop3d on its own ports; same users, same Maildir, so mail appended over IMAP is there for POP3. */
function pop3Service(port: number, tlsPort: number): string {
  const pop3s = tlsPort ? `  inet_listener pop3s {\n    port = ${tlsPort}\n    ssl = yes\n  }\n` : '';
  return `service pop3-login {\n  inet_listener pop3 {\n    port = ${port}\n  }\n${pop3s}  chroot =\n}\n`;
}

/** One LMTP transaction (RFC 2033): LHLO, MAIL, RCPT, DATA; fails on any reply that is not 2xx/354. */
async function deliverOverLmtp(port: number, user: string, message: string): Promise<void> {
  if (!port) throw new Error('this Dovecot was started without lmtp: true');
  const socket = connect({ host: '127.0.0.1', port });
  socket.setEncoding('utf8');
  let buffer = '';
  const waiters: Array<(line: string) => void> = [];
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    // A reply's last line has a space after the code; continuation lines a dash.
    for (let match; (match = /^(\d{3}) [^\r\n]*\r?\n/m.exec(buffer));) {
      const end = match.index + match[0].length;
      buffer = buffer.slice(end);
      waiters.shift()?.(match[0].trim());
    }
  });
  const reply = () => new Promise<string>((resolve, reject) => {
    waiters.push(resolve);
    socket.once('error', reject);
  });
  const expect = async (sent: string | undefined, code: RegExp) => {
    const answer = reply();
    if (sent !== undefined) socket.write(sent);
    const line = await answer;
    if (!code.test(line)) throw new Error(`LMTP: ${sent?.trim() ?? 'greeting'} answered ${line}`);
  };
  try {
    await expect(undefined, /^220/);
    await expect('LHLO localhost\r\n', /^250/);
    await expect('MAIL FROM:<sender@example.com>\r\n', /^250/);
    await expect(`RCPT TO:<${user}>\r\n`, /^250/);
    await expect('DATA\r\n', /^354/);
    const body = message.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    await expect(`${body}${body.endsWith('\r\n') ? '' : '\r\n'}.\r\n`, /^250/);
    await expect('QUIT\r\n', /^221/);
  } finally {
    socket.destroy();
  }
}

/** Dovecot's own capabilities unless one is to be missing; then a shorter list, written out, without it. */
function capabilities(hasIdle: boolean, hasNotify: boolean): string {
  if (hasIdle && hasNotify) return '';
  const list = ['IMAP4rev1', 'SASL-IR', 'LOGIN-REFERRALS', 'ID', 'ENABLE', 'LITERAL+', 'NAMESPACE', 'UIDPLUS', 'MOVE', 'UNSELECT',
    'CHILDREN', 'ESEARCH', ...(hasIdle ? ['IDLE'] : []), ...(hasNotify ? ['NOTIFY'] : [])];
  return `imap_capability = ${list.join(' ')}\n`;
}

async function idOf(name: string, flag: '-u' | '-g'): Promise<number> {
  return Number((await run('id', [flag, name])).stdout.trim());
}

/** Ports this process has handed out: the kernel may offer a closed one again at once (CI saw Dovecot's IMAP and POP3 given one port). */
const handedOut = new Set<number>();

/** A port that was free a moment ago on 127.0.0.1, and not handed out before by this process. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const found = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(found));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await canConnect(port))) {
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForPortClosed(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await canConnect(port)) {
    if (Date.now() > deadline) throw new Error(`port ${port} still open ${timeoutMs} ms after stopping dovecot`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
