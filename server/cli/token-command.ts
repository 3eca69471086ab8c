import { parseArgs } from 'node:util';
import { ConfigError, formatProblem } from '../config-check.ts';
import { loadConfigFile } from '../config/config-file.ts';
import { MAX_SIGNED_TOKEN_LENGTH, signToken, viewOf } from '../tokens/signed-tokens.ts';
import { silentLogger } from '../log.ts';
import { openRedisStore } from '../store/store-config.ts';
import { newToken } from '../tokens/token-table.ts';

export const tokenUsage = `  mailtray-server token                 print a new random token and its sha256: form
  mailtray-server token --config FILE --name NAME --mailboxes ID,ID|* [--days N]
                                        print a signed client token (the config's first signedTokens key)
  mailtray-server token --config FILE --revoke TOKEN-ID
                                        deny a signed token before it expires (in Redis when Redis is the store)`;

const DEFAULT_DAYS = 365;

/** `mailtray-server token ...`; returns the exit code. */
export async function tokenCommand(argv: string[], say: (text: string) => void, complain: (text: string) => void): Promise<number> {
  // A token id may start with "-" (base64url): after --revoke it is the id, as the printed hint writes it,
  // where parseArgs alone would refuse it as an ambiguous option (1 id in 64; a CI run met one).
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--revoke' && i + 1 < argv.length) joined.push(`--revoke=${argv[++i]}`);
    else joined.push(argv[i]!);
  }
  let args;
  try {
    args = parseArgs({
      args: joined,
      options: {
        config: { type: 'string', short: 'c' },
        name: { type: 'string' },
        mailboxes: { type: 'string' },
        days: { type: 'string' },
        revoke: { type: 'string' },
      },
    }).values;
  } catch (error) {
    complain(`${(error as Error).message}\nusage:\n${tokenUsage}`);
    return 2;
  }
  if (!args.config && !args.name && !args.revoke) {
    const { token, hashed } = newToken();
    say(`token:   ${token}\nconfig:  "${hashed}"`);
    return 0;
  }
  if (!args.config) {
    complain(`--config FILE is required to sign or revoke a token (its signedTokens keys and store are used)\nusage:\n${tokenUsage}`);
    return 2;
  }
  let config;
  try {
    config = await loadConfigFile(args.config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    complain(`${args.config} has problems:\n${error.problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    return 1;
  }

  if (args.revoke !== undefined) {
    if (config.store.type !== 'redis') {
      // A reload re-reads signedTokens.denied (config-reload.ts); no restart, no held poll dropped.
      complain(`the memory store keeps no deny list of its own: add "${args.revoke}" to signedTokens.denied in ${args.config} and reload the server (systemctl reload mailtray-server, or kill -HUP its process); no restart is needed`);
      return 1;
    }
    const store = await openRedisStore(config.store, { maxMailboxes: config.limits.maxMailboxes, log: silentLogger });
    try {
      await store.denyList.add(args.revoke);
    } finally {
      await store.close();
    }
    say(`denied: ${args.revoke} (every instance refuses it within a few seconds)`);
    return 0;
  }

  const key = config.signedTokens.keys[0];
  if (!key) {
    complain(`${args.config} has no signedTokens keys to sign with; add one (see docs/operator-guide.md, "100,000 users: signed client tokens")`);
    return 1;
  }
  const days = args.days === undefined ? DEFAULT_DAYS : Number(args.days);
  if (!args.name || !args.mailboxes || !Number.isFinite(days) || days <= 0) {
    complain(`give --name NAME, --mailboxes ID,ID (or *; %u stands for the name) and, if not ${DEFAULT_DAYS}, --days N\nusage:\n${tokenUsage}`);
    return 2;
  }
  const mailboxes = args.mailboxes === '*' ? '*' : args.mailboxes.split(',').map((id) => id.trim()).filter(Boolean);
  // What the server would refuse is not signed: a token that can never work is worse than none.
  const view = viewOf({ name: args.name, mailboxes });
  if ('problem' in view) {
    complain(`not signed, a server would refuse it: ${view.problem}\n(--name is 1 to 100 characters; --mailboxes is ids of 1 to 128 of A-Z a-z 0-9 . _ @ + -, %u for the name, or * alone for every mailbox)`);
    return 2;
  }
  const exp = Math.floor(Date.now() / 1000 + days * 86_400);
  const { token, id } = signToken(key, { name: args.name, mailboxes, exp });
  if (token.length > MAX_SIGNED_TOKEN_LENGTH) {
    complain(`the token would be ${token.length} characters, over the ${MAX_SIGNED_TOKEN_LENGTH} a server takes; list fewer mailboxes, or use %u for the name`);
    return 2;
  }
  const revoke = config.store.type === 'redis'
    ? `mailtray-server token --config ${args.config} --revoke ${id}`
    : `add "${id}" to signedTokens.denied in ${args.config} and reload the server`;
  say(`token:    ${token}\ntoken id: ${id} (to revoke it: ${revoke})\nexpires:  ${new Date(exp * 1000).toISOString()}`);
  return 0;
}
