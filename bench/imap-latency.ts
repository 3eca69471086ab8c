/**
 * IMAP-to-client latency: from sending an APPEND to Dovecot to the answer of a
 * held `GET /v1/counts` that carries the new count, through the real count
 * server and its IMAP source (IDLE over implicit TLS). Prints p50/p90/p99/max.
 * Dovecot itself holds IDLE notifications back about half a second to batch
 * changes, so that is the floor here. The account watches three folders; the
 * same run measures mail to INBOX (IDLE, the anchor) and to the third folder
 * (NOTIFY on the same connection).
 *
 *   node bench/imap-latency.ts [messages]     (default 200 per folder; needs /usr/sbin/dovecot)
 */
import { startCountServer } from '../test/helpers/source-server.ts';
import { message, startDovecot } from '../test/helpers/dovecot.ts';

const messages = Number(process.argv[2] ?? 200);
const user = { user: 'bench@example.com', password: 'bench-imap-password' };

const dovecot = await startDovecot({ users: [user] });
const mail = await dovecot.client(user);
await mail.mailboxCreate('Lists');
await mail.mailboxCreate('Family');
const server = await startCountServer([{
  type: 'imap', host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', ca: dovecot.certPath,
  user: user.user, password: user.password, mailbox: 'bench', folders: ['INBOX', 'Lists', 'Family'],
}]);

try {
  await server.waitFor((m) => m.get('bench')?.state === 'ok');
  let count = 0;
  for (const folder of ['INBOX', 'Family']) {
    const latencies: number[] = [];
    for (let i = 1; i <= messages; i += 1) {
      count += 1;
      const { cursor } = await server.counts();
      const held = server.counts(cursor, 30);
      // Mail arrives now and then, not back to back: give the source time to be back in IDLE
      // (and the poll time to be held), so each message takes the push path.
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = performance.now();
      const appended = mail.append(folder, message(`bench ${i}`));
      let answer = await held;
      while (answer.mailboxes.find((m) => m.id === 'bench')?.count !== count) answer = await server.counts(answer.cursor, 30);
      latencies.push(performance.now() - started);
      await appended;
    }

    latencies.sort((a, b) => a - b);
    const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!;
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    const how = folder === 'INBOX' ? 'INBOX, IDLE' : 'third folder, NOTIFY';
    console.log(`IMAP APPEND -> held GET /v1/counts answered, ${latencies.length} messages (${how}; Dovecot over TLS, 127.0.0.1)`);
    console.log(`p50 ${ms(at(50))}  p90 ${ms(at(90))}  p99 ${ms(at(99))}  max ${ms(latencies.at(-1)!)}  min ${ms(latencies[0]!)}`);
  }
} finally {
  await server.stop();
  await mail.logout();
  await dovecot.stop();
}
