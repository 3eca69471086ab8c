import { createServer, type Socket } from 'node:net';

/**
 * A small real IMAP server on 127.0.0.1 (port from the OS), speaking just
 * enough for imapflow: CAPABILITY, LOGIN, LIST, SELECT/EXAMINE, SEARCH,
 * STATUS, IDLE, NOOP, LOGOUT (UID FETCH is answered OK, with no messages). It stands in for servers nobody here runs:
 * its IDLE is announced and never tells of a change (Courier with
 * IMAP_ENHANCEDIDLE=0, Cyrus without idled, GNU Mailutils' imap4d), its
 * LOGIN can answer what Cyrus or Courier say, and with `isStale` a session
 * sees its folder as it was when it selected it (imap4d), until it selects again.
 */
export interface ScriptedImapOptions {
  /** What follows the tag in the answer to LOGIN; default "OK LOGIN completed". */
  login?: string;
  isStale?: boolean;
  /** Unseen counts by folder at the start; every folder holds 10 messages. */
  unseen?: Record<string, number>;
  /** true: "NO Mailbox does not exist: <name>" with the name as it came over the wire (modified UTF-7), as some servers answer. */
  namesMissingFolder?: boolean;
  /**
   * Plays Gmail: announces X-GM-EXT-1 and answers `SEARCH X-GM-RAW "category:<tab> is:unread"`
   * with this many unread messages of each inbox tab (Gmail's IMAP extensions,
   * https://developers.google.com/workspace/gmail/imap/imap-extensions: a plain SEARCH answer).
   */
  gmailTabs?: Record<string, number>;
}

export interface ScriptedImap {
  port: number;
  /** Changes a folder's unseen count, as a delivery or another client would; no session is told. */
  setUnseen(folder: string, unseen: number): void;
  /** Changes an inbox tab's unread count (with `gmailTabs`); no session is told. */
  setTabUnread(tab: string, unread: number): void;
  /** Every command line received, without its tag ("EXAMINE INBOX", "IDLE", ...). */
  readonly commands: string[];
  close(): Promise<void>;
}

const EXISTS = 10;

export async function startScriptedImap(options: ScriptedImapOptions = {}): Promise<ScriptedImap> {
  const unseen = new Map(Object.entries(options.unseen ?? { INBOX: 0 }));
  const tabs = new Map(Object.entries(options.gmailTabs ?? {}));
  const commands: string[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const send = (line: string) => { if (!socket.destroyed) socket.write(`${line}\r\n`); };
    /** What this session sees of its selected folder (a snapshot when stale). */
    let selected: { folder: string; unseen: number } | undefined;
    let idleTag: string | undefined;
    const unseenNow = () => (selected === undefined ? 0
      : options.isStale ? selected.unseen : unseen.get(selected.folder) ?? 0);

    const search = (tag: string, keys: string) => {
      const raw = /X-GM-RAW "category:(\w+) is:unread"/i.exec(keys);
      // Only Gmail knows X-GM-RAW; the script knows only the tab searches.
      if (/X-GM-RAW/i.test(keys) && (options.gmailTabs === undefined || raw === null)) return send(`${tag} BAD Could not parse command`);
      // The newest messages are the unseen ones (of the tab); sequence numbers and UIDs are the same here.
      const count = raw ? tabs.get(raw[1]!.toLowerCase()) ?? 0 : unseenNow();
      const numbers = Array.from({ length: count }, (_, i) => EXISTS - count + 1 + i);
      send(`* SEARCH${numbers.map((n) => ` ${n}`).join('')}`);
      send(`${tag} OK SEARCH completed`);
    };
    const answer = (tag: string, verb: string, rest: string) => {
      switch (verb) {
        case 'CAPABILITY':
          send(`* CAPABILITY IMAP4rev1 IDLE${options.gmailTabs ? ' X-GM-EXT-1' : ''}`);
          return send(`${tag} OK CAPABILITY completed`);
        case 'LOGIN':
          return send(`${tag} ${options.login ?? 'OK LOGIN completed'}`);
        case 'LIST': {
          const name = unquote(rest.split(' ').slice(1).join(' '));
          if (name === '') send('* LIST (\\Noselect) "/" ""');
          else if (unseen.has(name)) send(`* LIST () "/" ${name}`);
          return send(`${tag} OK LIST completed`);
        }
        case 'SELECT':
        case 'EXAMINE': {
          const folder = unquote(rest);
          if (!unseen.has(folder)) return send(`${tag} NO Mailbox does not exist${options.namesMissingFolder ? `: ${folder}` : ''}`);
          selected = { folder, unseen: unseen.get(folder)! };
          send('* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)');
          send(`* ${EXISTS} EXISTS`);
          send('* 0 RECENT');
          send('* OK [UIDVALIDITY 1] UIDs valid');
          send(`* OK [UIDNEXT ${EXISTS + 1}] Predicted next UID`);
          return send(`${tag} OK [${verb === 'EXAMINE' ? 'READ-ONLY' : 'READ-WRITE'}] ${verb} completed`);
        }
        case 'UID':
          // Envelopes (UID FETCH) are not part of the script: the newest messages stay unknown.
          return /^SEARCH\b/i.test(rest) ? search(tag, rest) : send(`${tag} OK ${rest.split(' ')[0]} completed`);
        case 'SEARCH':
          return search(tag, rest);
        case 'STATUS': {
          const folder = unquote(rest.slice(0, rest.indexOf(' (')));
          if (!unseen.has(folder)) return send(`${tag} NO Mailbox does not exist${options.namesMissingFolder ? `: ${folder}` : ''}`);
          send(`* STATUS ${folder} (MESSAGES ${EXISTS} UNSEEN ${unseen.get(folder)})`);
          return send(`${tag} OK STATUS completed`);
        }
        case 'IDLE':
          // Announced, accepted, and silent: nothing is ever pushed.
          idleTag = tag;
          return send('+ idling');
        case 'NOOP':
          return send(`${tag} OK NOOP completed`);
        case 'LOGOUT':
          send('* BYE logging out');
          send(`${tag} OK LOGOUT completed`);
          return socket.end();
        default:
          return send(`${tag} BAD unknown command`);
      }
    };

    let buffered = '';
    socket.on('data', (chunk) => {
      buffered += chunk.toString('latin1');
      for (let end = buffered.indexOf('\r\n'); end >= 0; end = buffered.indexOf('\r\n')) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (idleTag !== undefined && line.toUpperCase() === 'DONE') {
          send(`${idleTag} OK IDLE terminated`);
          idleTag = undefined;
          continue;
        }
        const [tag = '*', verb = '', ...rest] = line.split(' ');
        commands.push([verb.toUpperCase(), ...rest].join(' '));
        answer(tag, verb.toUpperCase(), rest.join(' '));
      }
    });
    send('* OK IMAP4rev1 scripted server ready');
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the scripted IMAP server has no port');
  return {
    port: address.port,
    setUnseen: (folder, count) => { unseen.set(folder, count); },
    setTabUnread: (tab, count) => { tabs.set(tab, count); },
    commands,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function unquote(text: string): string {
  const trimmed = text.trim();
  return trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}
