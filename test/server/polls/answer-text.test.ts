import { describe, expect, it } from 'vitest';
import type { CountsAnswer, Mailbox } from '../../../common/protocol.ts';
import { answerText, COUNTS_ONLY, mailboxText, WHOLE } from '../../../server/polls/answer-text.ts';

const inbox = (): Mailbox => ({
  id: 'work', name: 'Work', count: 3, state: 'ok', changedAt: '2026-11-21T10:00:00.000Z',
  messages: [{ id: 'm1', from: 'Alice Smith <alice@example.com>', subject: 'Lunch tomorrow?', date: '2026-11-21T09:58:00.000Z' }],
});

describe('the JSON kept with a mailbox and an answer', () => {
  it('is the JSON of the object, whole or counts only', () => {
    const mailbox = inbox();
    expect(JSON.parse(mailboxText(mailbox, WHOLE))).toEqual(mailbox);
    const { messages: _messages, ...countsOnly } = mailbox;
    expect(JSON.parse(mailboxText(mailbox, COUNTS_ONLY))).toEqual(countsOnly);
  });

  it('does not travel with a copy: a mailbox copied with a new name or count is answered with them', () => {
    const mailbox = inbox();
    mailboxText(mailbox, WHOLE);
    mailboxText(mailbox, COUNTS_ONLY);
    const renamed = { ...mailbox, name: 'Work (old)', count: 4 };
    expect(JSON.parse(mailboxText(renamed, WHOLE))).toMatchObject({ name: 'Work (old)', count: 4 });
    expect(JSON.parse(mailboxText(renamed, COUNTS_ONLY))).toMatchObject({ name: 'Work (old)', count: 4 });
  });

  it('leaves the object as it was to JSON, to structured clone (the workers\' copies) and to its keys', () => {
    const mailbox = inbox();
    const before = JSON.stringify(mailbox);
    mailboxText(mailbox, WHOLE);
    expect(JSON.stringify(mailbox)).toBe(before);
    expect(structuredClone(mailbox)).toEqual(JSON.parse(before));
    expect(Object.keys(mailbox)).toEqual(Object.keys(JSON.parse(before)));
  });

  it('an answer copied with another cursor (a delta made whole) is answered with that cursor', () => {
    const answer: CountsAnswer = { cursor: 'k3f9a.7', mailboxes: [inbox()] };
    expect(JSON.parse(answerText(answer, WHOLE)).cursor).toBe('k3f9a.7');
    expect(JSON.parse(answerText({ ...answer, cursor: 'k3f9a.7.5' }, WHOLE)).cursor).toBe('k3f9a.7.5');
    // Each form has its own text.
    expect(JSON.parse(answerText(answer, COUNTS_ONLY)).mailboxes[0]).not.toHaveProperty('messages');
    expect(JSON.parse(answerText(answer, WHOLE)).mailboxes[0]).toHaveProperty('messages');
  });

  it('a frozen mailbox is answered all the same', () => {
    const mailbox = Object.freeze(inbox());
    expect(JSON.parse(mailboxText(mailbox, WHOLE))).toEqual(mailbox);
    expect(JSON.parse(mailboxText(mailbox, WHOLE))).toEqual(mailbox);
  });
});
