import type { FastifyReply } from 'fastify';
import type { HeldPolls, PollRequest, HeldPollEnd } from '../../polls/held-polls.ts';

/**
 * Holds a poll answered through Fastify's `reply` (handed-over connections,
 * /get.php); the client closing its request frees it. False over the key's limit.
 */
export function holdOnReply<R extends PollRequest>(
  heldPolls: HeldPolls, reply: FastifyReply, request: R, answer: (end: Exclude<HeldPollEnd, 'gone'>, request: R) => void,
): boolean {
  const poll = heldPolls.hold(request, { answerHeld: answer });
  if (!poll) return false;
  // After an answer this ends nothing: the poll has ended already.
  reply.raw.once('close', () => poll.end('gone'));
  return true;
}
