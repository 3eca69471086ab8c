import type { FastifyReply } from 'fastify';
import type { HeldPolls, HoldRequest } from '../held-polls.ts';

/** Holds a poll answered through Fastify's `reply`; the client closing its request frees it. False over the key's limit. */
export function holdOnReply(heldPolls: HeldPolls, reply: FastifyReply, request: HoldRequest): boolean {
  const poll = heldPolls.hold(request);
  if (!poll) return false;
  // After an answer this ends nothing: the poll has ended already.
  reply.raw.once('close', () => poll.end('gone'));
  return true;
}
