/**
 * A real Cyrus IMAP server with its JMAP module (RFC 8620/8621), for the JMAP
 * source's tests. Debian's cyrus-* packages conflict with dovecot-imapd, which
 * the other suites need, so they are never installed: scripts/setup.js unpacks
 * their .debs into .tools/cyrus (scripts/cyrus-debs.js) and this runs the
 * binaries from there, with its own imapd.conf, cyrus.conf and sasldb in a temp
 * folder and its own 127.0.0.1 ports. Nothing system-wide is read or written.
 *
 * Cyrus refuses to run as root ("must run as the Cyrus user"): as root its
 * services run as `nobody`, which owns the temp folder's data.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { freePort } from './dovecot.ts';

const run = promisify(execFile);
/** Where scripts/cyrus-debs.js unpacks the packages (npm test runs it). */
const cyrusDir = join(dirname(dirname(dirname(fileURLToPath(import.meta.url)))), '.tools', 'cyrus');
const binDir = join(cyrusDir, 'usr', 'lib', 'cyrus', 'bin');
const admin = { user: 'mailtray-admin', password: 'cyrus-admin-password-1' };

export interface CyrusUser {
  user: string;
  password: string;
}

export interface Cyrus {
  /** http://127.0.0.1:<port>: the JMAP session is at /.well-known/jmap. */
  url: string;
  httpPort: number;
  imapPort: number;
  /** Adds a user with a password and an INBOX, and these folders beside it. */
  addUser(user: CyrusUser, folders?: string[]): Promise<void>;
  /** Delivers a message over LMTP (as an MTA would) to `user`'s INBOX, or to one of its folders. */
  deliver(user: string, message: string, folder?: string): Promise<void>;
  /** Stops the server (SIGTERM to the master, which ends its services); the mail stays. */
  halt(): Promise<void>;
  /** Starts it again on the same ports with the same mail. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts Cyrus and waits until its HTTP (JMAP) and IMAP ports accept connections. */
export async function startCyrus(): Promise<Cyrus> {
  const dir = await mkdtemp(join(tmpdir(), 'mailtray-cyrus-'));
  // The services run as nobody when the tests run as root, and must reach their files.
  await chmod(dir, 0o755);
  for (const sub of ['conf', 'conf/db', 'conf/proc', 'conf/socket', 'conf/lock', 'spool', 'run']) await mkdir(join(dir, sub));
  const isRoot = userInfo().uid === 0;
  const owner = isRoot ? { user: 'nobody', uid: await idOf('nobody', '-u'), gid: await idOf('nobody', '-g'), group: await groupOf('nobody') }
    : { user: userInfo().username, uid: userInfo().uid, gid: userInfo().gid, group: await groupOf(userInfo().username) };
  const sasldb = join(dir, 'sasldb2');
  const [imapPort, httpPort] = [await freePort(), await freePort()];
  const lmtpSocket = join(dir, 'run', 'lmtp');
  const imapdConf = join(dir, 'imapd.conf');
  await writeFile(imapdConf, [
    `configdirectory: ${dir}/conf`,
    'defaultpartition: default',
    `partition-default: ${dir}/spool`,
    `cyrus_user: ${owner.user}`,
    `cyrus_group: ${owner.group}`,
    `admins: ${admin.user}`,
    // Users and passwords in a sasldb of this folder's own (saslpasswd2 -f).
    'sasl_pwcheck_method: auxprop',
    'sasl_auxprop_plugin: sasldb',
    `sasl_sasldb_path: ${sasldb}`,
    'sasl_mech_list: PLAIN LOGIN',
    'allowplaintext: yes',
    // The JMAP module needs the conversations database.
    'httpmodules: jmap',
    'conversations: yes',
    'conversations_db: twoskip',
    'unixhierarchysep: yes',
    'altnamespace: yes',
    'virtdomains: off',
    `lmtpsocket: ${lmtpSocket}`,
    `idlesocket: ${dir}/run/idle`,
    `notifysocket: ${dir}/run/notify`,
    'syslog_prefix: mailtray-cyrus',
    '',
  ].join('\n'));
  const cyrusConf = join(dir, 'cyrus.conf');
  const service = (name: string) => `${join(binDir, name)} -C ${imapdConf}`;
  await writeFile(cyrusConf, [
    'START {',
    `  recover cmd="${service('ctl_cyrusdb')} -r"`,
    '}',
    'SERVICES {',
    `  imap cmd="${service('imapd')}" listen="127.0.0.1:${imapPort}" prefork=0`,
    `  http cmd="${service('httpd')}" listen="127.0.0.1:${httpPort}" prefork=0`,
    // LMTP over a UNIX socket is trusted (no AUTH), as a local MTA's is.
    `  lmtpunix cmd="${service('lmtpd')}" listen="${lmtpSocket}" prefork=0`,
    '}',
    'EVENTS {', '}',
    'DAEMON {', '}',
    '',
  ].join('\n'));
  await writeFile(sasldb, '');
  await addSaslUser(sasldb, admin);
  const chownAll = async () => {
    for (const path of [join(dir, 'conf'), join(dir, 'spool'), join(dir, 'run'), sasldb]) await chownTree(path, owner.uid, owner.gid);
  };
  await chownAll();
  const env = { ...process.env, LD_LIBRARY_PATH: await libraryDirs() };

  let master: ChildProcess | undefined;
  const start = async () => {
    // Its own process group, so a crash of the master can be followed by killing its services.
    master = spawn(join(binDir, 'master'), ['-C', imapdConf, '-M', cyrusConf, '-p', join(dir, 'run', 'master.pid'), '-D'], {
      stdio: ['ignore', 'ignore', 'pipe'], detached: true, env,
    });
    let stderr = '';
    master.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<never>((_resolve, reject) => {
      master!.once('exit', (code) => reject(new Error(`cyrus master exited (${code}): ${stderr}`)));
    });
    await Promise.race([Promise.all([waitForPort(httpPort), waitForPort(imapPort)]), exited]);
    master.removeAllListeners('exit');
  };
  const halt = async () => {
    const child = master;
    master = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    // The master waits for its services; one busy with a kept-alive connection may take long on a loaded machine.
    const late = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ } }, 5000);
    await exited;
    clearTimeout(late);
    // A service still serving a kept-alive connection would answer after the stop; its group goes with it.
    try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    await waitForPortClosed(httpPort);
  };
  await start();

  return {
    url: `http://127.0.0.1:${httpPort}`,
    httpPort,
    imapPort,
    async addUser(user, folders = []) {
      await addSaslUser(sasldb, user);
      await chownTree(sasldb, owner.uid, owner.gid);
      // imapflow stumbles on Cyrus's NAMESPACE answer for an admin; three plain commands do.
      // "p" for anyone: LMTP may deliver to user+folder (RFC 5233 sub-addressing), as Cyrus allows only with that right.
      await imapCommands(imapPort, admin, [
        `CREATE "user/${user.user}"`,
        ...folders.flatMap((folder) => [`CREATE "user/${user.user}/${folder}"`, `SETACL "user/${user.user}/${folder}" anyone p`]),
      ]);
    },
    deliver: (user, text, folder) => deliverOverLmtp(lmtpSocket, folder === undefined ? user : `${user}+${folder}`, text),
    halt,
    restart: start,
    async stop() {
      await halt();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A message from `from` about `subject`; the Message-ID makes each one distinct. */
export function jmapMessage(from: string, subject: string, date = new Date()): string {
  return `From: ${from}\r\nTo: ann@example.com\r\nSubject: ${subject}\r\nDate: ${date.toUTCString()}\r\n` +
    `Message-ID: <${Math.random().toString(36).slice(2)}@example.com>\r\n\r\nThe body, never shown.\r\n`;
}

async function addSaslUser(sasldb: string, user: CyrusUser): Promise<void> {
  // -u '': no realm, so the name logs in as written.
  await new Promise<void>((resolve, reject) => {
    const child = spawn('saslpasswd2', ['-p', '-c', '-f', sasldb, '-u', '', user.user], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`saslpasswd2 failed (${code}): ${stderr}`))));
    child.stdin.end(user.password);
  });
}

/** The unpacked packages' library folders (libcyrus*.so), for LD_LIBRARY_PATH. */
async function libraryDirs(): Promise<string> {
  const lib = join(cyrusDir, 'usr', 'lib');
  const arch = (await readdir(lib)).filter((name) => name.endsWith('-linux-gnu')).map((name) => join(lib, name));
  return [...arch, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
}

async function chownTree(path: string, uid: number, gid: number): Promise<void> {
  await chown(path, uid, gid);
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) await chownTree(join(path, entry.name), uid, gid);
}

async function idOf(name: string, flag: '-u' | '-g'): Promise<number> {
  return Number((await run('id', [flag, name])).stdout.trim());
}

async function groupOf(name: string): Promise<string> {
  return (await run('id', ['-gn', name])).stdout.trim();
}

/** Logs in over plain IMAP and runs `commands`, each of which must answer OK. */
async function imapCommands(port: number, user: CyrusUser, commands: string[]): Promise<void> {
  const socket = connect({ host: '127.0.0.1', port });
  socket.setEncoding('utf8');
  let buffer = '';
  let waiter: ((line: string) => void) | undefined;
  let tag = '';
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end; (end = buffer.indexOf('\r\n')) >= 0;) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (line.startsWith(`${tag} `) || (tag === '' && line.startsWith('* OK'))) waiter?.(line);
    }
  });
  const send = (command: string | undefined) => new Promise<string>((resolve, reject) => {
    waiter = resolve;
    socket.once('error', reject);
    if (command !== undefined) socket.write(`${tag} ${command}\r\n`);
  });
  const quoted = (text: string) => `"${text.replace(/["\\]/g, '\\$&')}"`;
  try {
    await send(undefined);
    let number = 0;
    for (const command of [`LOGIN ${quoted(user.user)} ${quoted(user.password)}`, ...commands, 'LOGOUT']) {
      tag = `a${(number += 1)}`;
      const answer = await send(command);
      if (!answer.startsWith(`${tag} OK`)) throw new Error(`IMAP ${command.split(' ')[0]} answered ${answer}`);
    }
  } finally {
    socket.destroy();
  }
}

/** One LMTP transaction (RFC 2033) over the UNIX socket: LHLO, MAIL, RCPT, DATA. */
async function deliverOverLmtp(path: string, recipient: string, message: string): Promise<void> {
  const socket = connect({ path });
  socket.setEncoding('utf8');
  let buffer = '';
  const waiters: Array<(line: string) => void> = [];
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    // A reply's last line has a space after the code; continuation lines a dash.
    for (let match; (match = /^(\d{3}) [^\r\n]*\r?\n/m.exec(buffer));) {
      buffer = buffer.slice(match.index + match[0].length);
      waiters.shift()?.(match[0].trim());
    }
  });
  const expect = async (sent: string | undefined, code: RegExp) => {
    const answer = new Promise<string>((resolve, reject) => {
      waiters.push(resolve);
      socket.once('error', reject);
    });
    if (sent !== undefined) socket.write(sent);
    const line = await answer;
    if (!code.test(line)) throw new Error(`LMTP: ${sent?.trim() ?? 'greeting'} answered ${line}`);
  };
  try {
    await expect(undefined, /^220/);
    await expect('LHLO localhost\r\n', /^250/);
    await expect('MAIL FROM:<sender@example.com>\r\n', /^250/);
    await expect(`RCPT TO:<${recipient}>\r\n`, /^250/);
    await expect('DATA\r\n', /^354/);
    const body = message.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..');
    await expect(`${body}${body.endsWith('\r\n') ? '' : '\r\n'}.\r\n`, /^250/);
    await expect('QUIT\r\n', /^221/);
  } finally {
    socket.destroy();
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
    if (Date.now() > deadline) throw new Error(`cyrus did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function waitForPortClosed(port: number, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await canConnect(port)) {
    if (Date.now() > deadline) throw new Error(`port ${port} still open ${timeoutMs} ms after stopping cyrus`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
