import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

/** The folder-rule messages ESLint gives `code` as if it were the file at `path`. */
async function refusals(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport {};\n`, { filePath: `${root}${path}` });
  return result!.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

// DESIGN.md, "Folders": who may import whom, checked by the lint rule in eslint.config.js.
describe('the folder rules', () => {
  it.each([
    ['common/x.ts', "import { build } from '../server/http/app.ts';"],
    ['common/x.ts', "import type { AppSnapshot } from '../main/ipc-contract.ts';"],
    ['common/x.ts', "import { readFile } from 'node:fs/promises';"],
    ['common/x.ts', "import axios from 'axios';"],
    ['server/x.ts', "import { trayView } from '../main/tray-view.ts';"],
    ['server/sources/x.ts', "import { connectionLine } from '../../renderer/connection-words.ts';"],
    ['server/x.ts', "import { app } from 'electron';"],
    ['main/x.ts', "import { newToken } from '../server/tokens/token-table.ts';"],
    ['main/settings/x.ts', "import type { Mailbox } from '../../server/store.ts';"],
    ['main/x.ts', "import { app } from 'electron';"],
    ['main/electron/x.ts', "import { build } from '../../server/app.ts';"],
    ['main/preload.ts', "import { trayView } from './tray-view.ts';"],
    ['renderer/x.ts', "import { readFileSync } from 'node:fs';"],
    ['renderer/x.ts', "import { trayView } from '../main/tray-view.ts';"],
    ['renderer/x.ts', "import { MAX_COUNT } from '../server/mailbox.ts';"],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron';"],
    ['test/main/x.test.ts', "import { app } from 'electron';"],
  ])('%s may not: %s', async (path, code) => {
    expect(await refusals(path, code)).not.toEqual([]);
  });

  it.each([
    ['common/x.ts', "import { MAX_COUNT } from './protocol.ts';"],
    ['server/x.ts', "import { retryDelay } from '../common/retry.ts';"],
    ['server/sources/imap/x.ts', "import type { Timers } from '../../../common/timers.ts';"],
    ['main/x.ts', "import { retryDelay } from '../common/retry.ts';"],
    ['main/bundled/x.ts', "import { startServer } from '../../server/start.ts';"],
    ['main/electron/x.ts', "import { app } from 'electron';"],
    ['main/preload.ts', "import { contextBridge } from 'electron';\nimport type { MailtrayApi } from './ipc-contract.ts';"],
    ['renderer/x.ts', "import type { AppSnapshot } from '../main/ipc-contract.ts';"],
    ['renderer/x.ts', "import { isClockTime } from '../common/clock-time.ts';"],
    ['test/e2e/x.test.ts', "import { _electron } from 'playwright-core';\nimport type { App } from 'electron';"],
  ])('%s may: %s', async (path, code) => {
    expect(await refusals(path, code)).toEqual([]);
  });
});
