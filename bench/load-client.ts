/**
 * The load generator, in its own process (started by load.ts's runLoad with
 * a LoadJob over IPC; it answers with a LoadResult). Every poll is a raw
 * socket with its request text made once; answers are read by the minimal
 * reader in http-answers.ts. Changes go out on a few keep-alive sockets.
 * Each answer carries the count a change set (change n sets count n + 1), so
 * each delivery is timed from the moment its own change was sent.
 */
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { answerText, judgeAnswer, type ChangesMade } from './answer-check.ts';
import { AnswerReader, type Answer } from './http-answers.ts';
import type { LoadJob, LoadResult, MeasuredProcess } from './load.ts';
import { cpuSeconds, percentile, processTree, residentBytes } from './proc-stats.ts';
import { Publisher } from './publisher.ts';
import { pollRequests, readPoll, type PollRequests } from './wire.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** At most this many polls connecting or waiting for their first answer at once: the servers' accept queues hold 511. */
const OPENING_AT_ONCE = 200;
/** How long holding every poll may take. */
const HOLD_SECONDS = 120;
/** Reconnects and retries after a refusal a poll may make before it is given up (each one is reported). */
const RETRIES = 3;

/** How many extra deliveries a run describes in full; the rest are counted. */
const EXTRAS_DESCRIBED = 5;

/** What every poll's socket reads into. */
const readBuffer = Buffer.allocUnsafe(64 * 1024);

class Poll {
  socket: Socket | undefined;
  /** What the next request sends: Mailtray's cursor, nchan's last message date and tag. */
  state: string | undefined;
  /** The last count this poll saw, and which change of its mailbox that was (1 = its first). */
  value = 0;
  changesSeen = 0;
  /** The version of the last cursor it was given (Mailtray). */
  version: number | undefined;
  isWaiting = false;
  /** The last answer said `Connection: close`. */
  isClosing = false;
  isGivenUp = false;
  reconnects = 0;
  readonly mailbox: number;
  readonly port: number;
  readonly requests: PollRequests;
  constructor(mailbox: number, port: number, requests: PollRequests) {
    this.mailbox = mailbox;
    this.port = port;
    this.requests = requests;
  }
}

/** The processes to measure: each given process and its descendants, read anew (workers may come later than their primary). */
const safely = (read: (pid: number) => number) => (pid: number) => { try { return read(pid); } catch { return 0; } };
const safeCpu = safely(cpuSeconds);
const safeResident = safely(residentBytes);

async function run({ target, options }: LoadJob): Promise<LoadResult> {
  const { wire } = target;
  const tree = () => target.pids.flatMap(processTree);
  const serverCpu = () => tree().reduce((sum, pid) => sum + safeCpu(pid), 0);
  const serverResident = () => tree().reduce((sum, pid) => sum + safeResident(pid), 0);
  const errors = new Map<string, number>();
  const noteError = (what: string) => errors.set(what, (errors.get(what) ?? 0) + 1);

  const polled = options.polledMailboxes ?? options.mailboxes;
  const pollsOn = (mailbox: number) => (mailbox >= polled ? 0 : Math.floor(options.polls / polled) + (mailbox < options.polls % polled ? 1 : 0));
  const publishedAt = new Float64Array(options.changes);
  /** Change n was the k-th change of its mailbox (1-based). */
  const ordinalOf = new Int32Array(options.changes);
  const changesOf = new Int32Array(options.mailboxes);
  const deliveriesOf = new Int32Array(options.changes);
  const latencies: number[] = [];
  const stride = options.stride ?? 1;
  const made: ChangesMade = {
    total: options.changes,
    mailboxOf: (change) => (change * stride) % options.mailboxes,
    ordinalOf: (change) => ordinalOf[change]!,
  };
  let extraDeliveries = 0;
  const extraAnswers: string[] = [];
  let coalesced = 0;
  let waiting = 0;
  /** Polls given up after their retries: not waited for. */
  let givenUp = 0;
  let isRunning = true;

  const isHeldRequest = (poll: Poll) => wire.kind === 'nchan' || poll.state !== undefined;
  const send = (poll: Poll) => {
    poll.socket!.write(poll.state === undefined ? poll.requests.first : poll.requests.next(poll.state), 'latin1');
    if (isHeldRequest(poll)) { poll.isWaiting = true; waiting += 1; }
  };
  const onAnswer = (poll: Poll, answer: Answer) => {
    if (poll.isWaiting) { poll.isWaiting = false; waiting -= 1; }
    const isRefused = answer.status !== 200 && !(wire.kind === 'nchan' && answer.status === 304);
    if (isRefused) noteError(`a poll answered ${answer.status}: ${answer.body.toString('utf8', 0, 200)}`);
    const reading = readPoll(wire, answer);
    const verdict = judgeAnswer(poll, reading, made);
    if (verdict.kind === 'delivery') {
      const { change, ordinal } = verdict;
      latencies.push(performance.now() - publishedAt[change]!);
      deliveriesOf[change]! += 1;
      coalesced += Math.max(0, ordinal - poll.changesSeen - 1);
      poll.changesSeen = ordinal;
      poll.value = reading.value!;
    } else if (verdict.kind === 'extra') {
      // Not counted as a delivery, and the poll keeps what it had: the report says what came instead.
      extraDeliveries += 1;
      if (extraAnswers.length < EXTRAS_DESCRIBED) extraAnswers.push(`${verdict.why}: ${answerText(answer)}`);
    }
    if (reading.version !== undefined && verdict.kind !== 'extra') poll.version = reading.version;
    if (reading.state !== undefined) poll.state = reading.state;
    if (!isRunning) return;
    if (isRefused) {
      // Asked again a second later, a few times: a refusal repeated at once would be a busy loop.
      poll.reconnects += 1;
      if (poll.reconnects > RETRIES) {
        noteError(`a poll gave up after ${RETRIES} retries`);
        givenUp += 1;
        poll.isGivenUp = true;
        poll.socket!.destroy();
      } else {
        setTimeout(() => { if (isRunning && !poll.socket!.destroyed) send(poll); }, 1000);
      }
    } else if (answer.closes) {
      poll.isClosing = true; // the server said so: open again, no error
      poll.socket!.destroy();
    } else {
      repoll(poll);
    }
  };
  // Polls answered in one turn of the event loop poll again after it: every answer that had
  // arrived is timed first (a fan-out answers thousands at once), none waits behind re-polls.
  let repolls: Poll[] = [];
  const repoll = (poll: Poll) => {
    if (repolls.push(poll) > 1) return;
    setImmediate(() => {
      const due = repolls;
      repolls = [];
      for (const each of due) if (each.socket && !each.socket.destroyed) send(each);
    });
  };
  const open = (poll: Poll) => {
    const reader = new AnswerReader();
    // Every socket reads into the one buffer (no allocation per read): each chunk is used up before the next read.
    const socket = connect({
      host: '127.0.0.1', port: poll.port, noDelay: true,
      onread: {
        buffer: readBuffer,
        callback: (length: number, buffer: Uint8Array) => {
          let answers: Answer[];
          try {
            answers = reader.push(Buffer.from(buffer.buffer, buffer.byteOffset, length));
          } catch (error) {
            noteError(`a poll's answer could not be read: ${(error as Error).message}`);
            socket.destroy();
            return false;
          }
          for (const answer of answers) onAnswer(poll, answer);
          return true;
        },
      },
    });
    poll.socket = socket;
    socket.on('connect', () => send(poll));
    socket.on('error', (error: NodeJS.ErrnoException) => { if (isRunning) noteError(`a poll's connection failed: ${error.code ?? error.message}`); });
    socket.on('close', () => {
      if (poll.isWaiting) { poll.isWaiting = false; waiting -= 1; }
      if (!isRunning || poll.isGivenUp) return;
      if (poll.isClosing) {
        poll.isClosing = false;
        open(poll);
        return;
      }
      noteError('the server closed a poll\'s connection');
      poll.reconnects += 1;
      if (poll.reconnects <= RETRIES) {
        open(poll);
      } else {
        noteError(`a poll gave up after ${RETRIES} retries`);
        givenUp += 1;
        poll.isGivenUp = true;
      }
    });
  };

  /** Waits until the server's processes have used no CPU for 300 ms (at most maxMs): it has done what it was asked. */
  const quiet = async (maxMs: number) => {
    const until = performance.now() + maxMs;
    let last = serverCpu();
    let still = 0;
    while (still < 3 && performance.now() < until) {
      await sleep(100);
      const now = serverCpu();
      still = now - last <= 0.005 ? still + 1 : 0;
      last = now;
    }
  };
  const waitFor = async (isDone: () => boolean, maxMs: number) => {
    const until = performance.now() + maxMs;
    while (!isDone() && performance.now() < until) await sleep(5);
    return isDone();
  };

  await quiet(10_000); // done starting (workers too)
  const baseline = serverResident();
  const polls: Poll[] = [];
  const holdBy = performance.now() + HOLD_SECONDS * 1000;
  for (let i = 0; i < options.polls && performance.now() < holdBy; i += 1) {
    const mailbox = i % polled;
    const port = target.pollPorts[mailbox % target.pollPorts.length]!;
    const poll = new Poll(mailbox, port, pollRequests(wire, mailbox, port));
    polls.push(poll);
    await waitFor(() => i - waiting - givenUp < OPENING_AT_ONCE, holdBy - performance.now());
    open(poll);
  }
  if (!await waitFor(() => waiting + givenUp === options.polls, holdBy - performance.now()) || givenUp > 0) {
    noteError(`only ${waiting} of ${options.polls} polls were held${givenUp > 0 ? ` (${givenUp} given up)` : ` after ${HOLD_SECONDS} s`}`);
  }
  await quiet(10_000);
  const withPolls = serverResident();
  const heldPolls = waiting;

  const idleStart = serverCpu();
  await sleep(options.idleSeconds * 1000);
  const idleCpuSeconds = serverCpu() - idleStart;

  const publisher = await Publisher.open(wire, target.publishPorts, noteError);
  const measured: MeasuredProcess[] = [
    ...tree().map((pid, i, all) => ({ name: all.length > 1 ? `${target.name} #${i + 1}` : target.name, pid })),
    ...(options.alsoMeasure ?? []),
  ];
  const cpuAtStart = measured.map((p) => safeCpu(p.pid));
  const ownAtStart = process.cpuUsage();
  const changeCpuStart = serverCpu();
  const deliveryMs = (options.deliverySeconds ?? 30) * 1000;
  let expected = 0;
  const publish = (n: number) => {
    const mailbox = (n * stride) % options.mailboxes;
    changesOf[mailbox]! += 1;
    ordinalOf[n] = changesOf[mailbox]!;
    expected += pollsOn(mailbox);
    publishedAt[n] = performance.now();
    publisher.send(mailbox, n, n + 1);
  };
  const startedAt = performance.now();
  if (options.spacing === 'settle') {
    for (let n = 0; n < options.changes; n += 1) {
      publish(n);
      const mailbox = (n * stride) % options.mailboxes;
      await waitFor(() => deliveriesOf[n]! >= pollsOn(mailbox) && waiting === heldPolls, deliveryMs);
      await quiet(5000);
    }
  } else {
    const interval = 1000 / options.rate;
    for (let n = 0; n < options.changes;) {
      const now = performance.now();
      for (; n < options.changes && startedAt + n * interval <= now; n += 1) publish(n);
      await sleep(1);
    }
    await waitFor(() => latencies.length + coalesced >= expected && waiting === heldPolls, deliveryMs);
    await quiet(5000);
  }
  const changeSeconds = (performance.now() - startedAt) / 1000;
  const changeCpu = serverCpu() - changeCpuStart;
  const own = process.cpuUsage(ownAtStart);
  const cpuByProcess = [
    ...measured.map((p, i) => ({ ...p, seconds: safeCpu(p.pid) - cpuAtStart[i]! })),
    { name: 'load generator (the clients)', pid: process.pid, seconds: (own.user + own.system) / 1e6 },
  ];

  isRunning = false;
  publisher.close();
  for (const poll of polls) poll.socket?.destroy();
  const stalePolls = polls.filter((poll) => poll.changesSeen < changesOf[poll.mailbox]!).length;
  const sorted = latencies.sort((a, b) => a - b);
  if (coalesced > 0) noteError(`${coalesced} change${coalesced > 1 ? 's' : ''} reached a poll only together with a later change of the same mailbox`);
  return {
    target: target.name,
    heldPolls,
    deliveries: latencies.length,
    expectedDeliveries: expected,
    extraDeliveries,
    extraAnswers,
    stalePolls,
    errors: [...errors].map(([what, times]) => (times > 1 ? `${what} (${times} times)` : what)),
    latencyMs: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN },
    bytesPerHeldPoll: (withPolls - baseline) / options.polls,
    idleCpuSeconds,
    cpuSecondsPerChange: changeCpu / options.changes,
    changeSeconds,
    cpuByProcess,
  };
}

export type LoadReply = { result: LoadResult } | { error: string };

process.on('disconnect', () => process.exit(1)); // the benchmark ended: so does its load
process.once('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send!({ result } satisfies LoadReply, () => process.exit(0)),
    (error: Error) => process.send!({ error: error.stack ?? error.message } satisfies LoadReply, () => process.exit(1)),
  );
});
