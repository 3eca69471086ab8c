import { countRule, mailboxIdRule, MAX_MESSAGES_PER_MAILBOX, MAX_NAME_LENGTH } from '../../common/protocol.ts';

interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

const ruleOfField: Record<string, string> = {
  count: countRule,
  id: mailboxIdRule,
  name: `a name is text of 1 to ${MAX_NAME_LENGTH} characters`,
  mailboxes: 'mailboxes is a list like [{"id": "ann", "count": 3}]',
  messages: `messages is a list of at most ${MAX_MESSAGES_PER_MAILBOX} like [{"id": "m1", "from": "Alice <a@example.com>", "subject": "Lunch?"}]`,
};

// Inside a message the same field names mean other things.
const ruleOfMessageField: Record<string, string> = {
  id: 'a message id is 1 to 200 printable ASCII characters without spaces',
  from: 'from is text (the sender, "Alice Smith <alice@example.com>")',
  subject: 'subject is text',
  date: 'date is a time like "2026-11-21T08:55:00Z"',
  messages: ruleOfField.messages!,
};

/** Turns the first JSON-schema error into a sentence a person can act on. */
export function describeSchemaError(errors: readonly SchemaError[]): string {
  const error = errors[0];
  if (!error) return 'the body is not valid';
  const place = error.instancePath.split('/').filter(Boolean).map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part}`)).join('').replace(/^\./, '');
  const where = place === '' ? 'the body' : place;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${where} has an unknown field "${String(error.params.additionalProperty)}"`;
    case 'required':
      return `${where} is missing "${String(error.params.missingProperty)}"`;
    default: {
      const field = error.instancePath.split('/').filter((p) => !/^\d+$/.test(p)).pop() ?? '';
      if (place === '') return 'the body must be a JSON object';
      const isInMessage = /\/messages\/\d+\//.test(error.instancePath);
      const rule = (isInMessage ? ruleOfMessageField : ruleOfField)[field];
      return rule ? `${where} is not valid: ${rule}` : `${where} ${error.message ?? 'is not valid'}`;
    }
  }
}
