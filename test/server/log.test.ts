import { describe, expect, it } from 'vitest';
import { loggerOptions } from '../../server/log.ts';

describe('the log format', () => {
  it('is readable lines on a terminal and JSON lines otherwise, unless LOG_FORMAT says', () => {
    const onTerminal = loggerOptions({}, true) as { level: string; stream?: unknown };
    const piped = loggerOptions({}, false) as { level: string; stream?: unknown };
    expect(onTerminal.stream).toBeDefined();
    expect(piped).toEqual({ level: 'info' });
    expect(loggerOptions({ LOG_FORMAT: 'json' }, true)).toEqual({ level: 'info' });
    expect((loggerOptions({ LOG_FORMAT: 'pretty', LOG_LEVEL: 'debug' }, false) as { level: string; stream?: unknown }))
      .toMatchObject({ level: 'debug', stream: expect.anything() });
  });
});
