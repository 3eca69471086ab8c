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
    ['server/x.ts', "import { trayView } from '../main/tray/tray-view.ts';"],
    ['server/sources/x.ts', "import { connectionLine } from '../../renderer/connection-words.ts';"],
    ['server/x.ts', "import { app } from 'electron';"],
    ['main/x.ts', "import { newToken } from '../server/tokens/token-table.ts';"],
    ['main/settings/x.ts', "import type { Mailbox } from '../../server/store.ts';"],
    ['main/x.ts', "import { app } from 'electron';"],
    ['main/electron/x.ts', "import { build } from '../../server/app.ts';"],
    ['main/preload.ts', "import { trayView } from './tray/tray-view.ts';"],
    ['main/preload.ts', "import { invokeHandlers } from './ipc-handlers.ts';"],
    ['renderer/x.ts', "import { readFileSync } from 'node:fs';"],
    ['renderer/x.ts', "import { trayView } from '../main/tray/tray-view.ts';"],
    ['renderer/x.ts', "import { MAX_COUNT } from '../server/mailbox.ts';"],
    ['renderer/x.ts', "import { ipcRenderer } from 'electron';"],
    ['test/main/x.test.ts', "import { app } from 'electron';"],
    ['main/bundled/x.ts', "import { ImapSession } from '../../server/sources/imap/imap-session.ts';"],
    ['main/tray/x.ts', "import { Poller } from '../connection/poller.ts';"],
    ['main/connection/x.ts', "import { notificationsFor } from '../notifications/notification-policy.ts';"],
    ['main/notifications/x.ts', "import { MailtrayApp } from '../mailtray-app.ts';"],
    ['main/connection/x.ts', "import { newToken } from '../../server/tokens/token-table.ts';"],
    ['main/tray/x.ts', "import { app } from 'electron';"],
    ['renderer/mail-view/x.ts', "import { SettingsDraft } from '../settings/settings-draft.ts';"],
    ['renderer/settings/x.ts', "import { countsPanel } from '../mail-view/counts-panel.ts';"],
    ['renderer/settings/x.ts', "import { readFileSync } from 'node:fs';"],
    ['renderer/mail-view/x.ts', "import { trayView } from '../../main/tray/tray-view.ts';"],
    // The server's rooms (eslint.config.js, serverRooms): imports run one way, from a room down.
    ['server/log.ts', "import type { Store } from './store/store.ts';"],
    ['server/messages/x.ts', "import type { Store } from '../store/store.ts';"],
    ['server/store/x.ts', "import type { ConfiguredSource } from '../sources/source.ts';"],
    ['server/store/redis/x.ts', "import { signToken } from '../../tokens/signed-tokens.ts';"],
    ['server/tokens/x.ts', "import type { ServerConfig } from '../config/server-config.ts';"],
    ['server/polls/x.ts', "import { HttpError } from '../http/errors.ts';"],
    ['server/sources/runners/x.ts', "import type { ServerConfig } from '../../config/server-config.ts';"],
    ['server/config/x.ts', "import type { AppContext } from '../http/app-context.ts';"],
    ['server/http/x.ts', "import { workerNumber } from '../workers/messages.ts';"],
    ['server/http/poll-front/x.ts', "import { startServer } from '../../run/start.ts';"],
    ['server/run/x.ts', "import { startPrimary } from '../workers/primary.ts';"],
    ['server/workers/x.ts', "import { main } from '../cli/cli.ts';"],
    ['server/store/x.ts', "import { app } from 'electron';"],
    ['server/cli/x.ts', "import { trayView } from '../../main/tray/tray-view.ts';"],
  ])('%s may not: %s', async (path, code) => {
    expect(await refusals(path, code)).not.toEqual([]);
  });

  it.each([
    ['common/x.ts', "import { MAX_COUNT } from './protocol.ts';"],
    ['common/i18n/x.ts', "import { IntlMessageFormat } from 'intl-messageformat';"],
    ['server/x.ts', "import { retryDelay } from '../common/retry.ts';"],
    ['server/sources/imap/x.ts', "import type { Timers } from '../../../common/timers.ts';"],
    ['server/store/x.ts', "import type { Logger } from '../log.ts';"],
    ['server/store/redis/x.ts', "import type { Store } from '../store.ts';"],
    ['server/tokens/x.ts', "import type { View } from '../store/store.ts';"],
    ['server/sources/x.ts', "import { messageList } from '../messages/message-list.ts';"],
    ['server/sources/runners/x.ts', "import type { StoreConfig } from '../../store/store-config.ts';"],
    ['server/http/poll-front/x.ts', "import type { AppContext } from '../app-context.ts';"],
    ['server/cli/x.ts', "import { startPrimary } from '../workers/primary.ts';\nimport { startServer } from '../run/start.ts';"],
    ['main/x.ts', "import { retryDelay } from '../common/retry.ts';"],
    ['main/bundled/x.ts', "import { startServer } from '../../server/run/start.ts';"],
    ['main/bundled/x.ts', "import { probeAccount } from '../../server/sources/imap/account-probe.ts';"],
    ['main/bundled/x.ts', "import { listAccountFolders } from '../../server/sources/imap/account-folders.ts';"],
    ['main/electron/x.ts', "import { app } from 'electron';"],
    ['main/preload.ts', "import { contextBridge } from 'electron';\nimport type { MailtrayApi } from './ipc-contract.ts';"],
    ['main/preload.ts', "import { invokes, type MailtrayApi } from './ipc-contract.ts';"],
    ['renderer/x.ts', "import type { AppSnapshot } from '../main/ipc-contract.ts';"],
    ['renderer/x.ts', "import { isClockTime } from '../common/clock-time.ts';"],
    ['main/tray/x.ts', "import { drawTrayIcon } from '../icon/tray-icon.ts';"],
    ['main/connection/x.ts', "import type { AppSnapshot } from '../ipc-contract.ts';"],
    ['renderer/settings/x.ts', "import { element } from '../dom.ts';\nimport type { SettingsView } from '../../main/ipc-contract.ts';"],
    ['renderer/mail-view/x.ts', "import { relativeTime } from '../relative-time.ts';\nimport { MAX_COUNT } from '../../common/protocol.ts';"],
    ['test/e2e/x.test.ts', "import { _electron } from 'playwright-core';\nimport type { App } from 'electron';"],
  ])('%s may: %s', async (path, code) => {
    expect(await refusals(path, code)).toEqual([]);
  });
});
