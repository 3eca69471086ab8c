/**
 * node test/bench/support/lossy-long-poll.ts PORT LOSE [REPLAY]
 *
 * A long-poll server speaking nchan's wire as the benchmark uses it
 * (GET /sub/<channel> held until a message newer than If-Modified-Since,
 * POST /pub/<channel> with the message), that accepts and then forgets the
 * messages whose body is listed in LOSE (comma-separated): a server that
 * loses changes, for the benchmark's check that none was lost. After a
 * message whose body is listed in REPLAY reaches a poll, that poll's next
 * request is answered once with the channel's message before it: a server
 * that goes back, so the newer message is delivered twice.
 */
import { createServer, type ServerResponse } from 'node:http';

const [port, lose = '', replay = ''] = process.argv.slice(2);
const lost = new Set(lose.split(',').filter(Boolean));
const replayed = new Set(replay.split(',').filter(Boolean));
interface Message { seq: number; body: string; before: Message | undefined }
const last = new Map<string, Message>();
const waiting = new Map<string, ServerResponse[]>();
let seq = 0;

const answer = (res: ServerResponse, message: Message) =>
  res.writeHead(200, { 'Last-Modified': String(message.seq), Etag: '0', 'Content-Length': Buffer.byteLength(message.body) }).end(message.body);

createServer((req, res) => {
  const [, kind, channel = ''] = (req.url ?? '').split('/');
  if (kind === 'sub' && req.method === 'GET') {
    const since = Number(req.headers['if-modified-since'] ?? 0);
    const message = last.get(channel);
    if (message && message.seq === since && replayed.delete(message.body) && message.before) return answer(res, message.before);
    if (message && message.seq > since) return answer(res, message);
    waiting.set(channel, [...(waiting.get(channel) ?? []), res]);
    return undefined;
  }
  if (kind === 'pub' && req.method === 'POST') {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    req.on('end', () => {
      res.writeHead(202, { 'Content-Length': 2 }).end('ok');
      if (lost.has(body)) return;
      const message = { seq: (seq += 1), body, before: last.get(channel) };
      last.set(channel, message);
      for (const held of waiting.get(channel) ?? []) answer(held, message);
      waiting.delete(channel);
    });
    return undefined;
  }
  return res.writeHead(404, { 'Content-Length': 0 }).end();
}).listen(Number(port), '127.0.0.1', () => process.stdout.write('listening\n'));
