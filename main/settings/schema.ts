import { CLOCK_TIME_PATTERN } from '../../common/clock-time.ts';
import { MAILBOX_ID_PATTERN, MAX_NAME_LENGTH } from '../../common/protocol.ts';

const time = { type: 'string', pattern: CLOCK_TIME_PATTERN } as const;
const webAddress = { type: 'string', pattern: '^(https?:|mailto:)', maxLength: 2000 } as const;

/**
 * The settings file's JSON schema, by top-level key, as electron-store (conf)
 * takes it: every write is checked against it, so a bad value never reaches
 * the disk. Field names follow `StoredSettings`.
 */
export const settingsSchema = {
  version: { type: 'integer', minimum: 1 },
  server: {
    type: 'object',
    additionalProperties: false,
    required: ['mode', 'url', 'token'],
    properties: {
      mode: { enum: ['bundled', 'remote'] },
      url: { anyOf: [{ const: '' }, { type: 'string', pattern: '^https?://[^\\s/]+', maxLength: 2000 }] },
      token: { type: 'string' },
    },
  },
  accounts: {
    type: 'array',
    maxItems: 50,
    items: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name', 'host', 'port', 'security', 'user', 'password', 'folder'],
      properties: {
        id: { type: 'string', pattern: MAILBOX_ID_PATTERN },
        name: { type: 'string', minLength: 1, maxLength: MAX_NAME_LENGTH },
        host: { type: 'string', minLength: 1, maxLength: 253 },
        port: { type: 'integer', minimum: 1, maximum: 65535 },
        security: { enum: ['tls', 'starttls'] },
        user: { type: 'string', minLength: 1 },
        password: { type: 'string' },
        folder: { type: 'string', minLength: 1 },
        webUrl: webAddress,
      },
    },
  },
  notifications: {
    type: 'object',
    additionalProperties: false,
    required: ['enabled', 'sound', 'summaryAtStart', 'quietHours'],
    properties: {
      enabled: { type: 'boolean' },
      sound: { type: 'boolean' },
      summaryAtStart: { type: 'boolean' },
      quietHours: {
        type: 'object',
        additionalProperties: false,
        required: ['enabled', 'start', 'end'],
        properties: { enabled: { type: 'boolean' }, start: time, end: time },
      },
    },
  },
  general: {
    type: 'object',
    additionalProperties: false,
    required: ['launchAtLogin'],
    properties: { launchAtLogin: { type: 'boolean' } },
  },
  snoozedUntil: { type: 'integer', minimum: 0 },
} as const;
