/**
 * `electron <folder>` for the stand-in: reads the folder's package.json,
 * starts its "main" entry as Electron would (the app's imports resolve from
 * the folder, so `electron` is the stand-in installed in its node_modules),
 * emits 'ready' after the entry's first turn, and does what the test asks
 * over the IPC channel: click the tray or one of its menu items, or run a
 * function in the window's page.
 *
 *   node test/e2e/stand-in/launch.ts <app folder> <profile folder>   (forked with an IPC channel)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, Tray } from './electron.ts';
import { recordFileReads } from './file-reads.ts';
import { send, type ToApp } from './recorder.ts';
import { StartupRuleBroken } from './startup-rules.ts';

const [appPath, profile] = process.argv.slice(2);
if (!appPath || !profile) throw new Error('usage: launch.ts <app folder> <profile folder>');

// A broken rule is said to the test before the process dies of it.
const report = (error: unknown) => {
  if (error instanceof StartupRuleBroken) send({ kind: 'broken', message: error.message });
};
process.on('uncaughtExceptionMonitor', report);
process.on('unhandledRejection', (reason) => {
  report(reason);
  throw reason;
});
// The test is gone: so is the app (its utility processes follow, parent-port.ts).
process.on('disconnect', () => process.exit(1));

process.on('message', (message: ToApp) => {
  perform(message).then(
    (value) => send({ kind: 'reply', id: message.id, value }),
    (error: unknown) => send({ kind: 'reply', id: message.id, error: error instanceof Error ? error.stack ?? error.message : String(error) }),
  );
});

async function perform(message: ToApp): Promise<unknown> {
  if (message.kind === 'tray-click') {
    Tray.latest!.emit('click', {}, {});
    return undefined;
  }
  if (message.kind === 'menu-click') {
    const item = Tray.latest?.menu.find((entry) => entry.label === message.label);
    if (!item?.click) throw new Error(`the tray menu has no item '${message.label}'`);
    item.click();
    return undefined;
  }
  const window = BrowserWindow.getAllWindows()[0];
  if (!window) throw new Error('the app has no window');
  const page = await window.webContents.loadedPage();
  return page.evaluate(`(${message.source})(${JSON.stringify(message.arg)})`);
}

const pkg = JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8')) as { name: string; productName?: string; version: string; main?: string };
app.launch(appPath, pkg, profile);
recordFileReads();
await import(pathToFileURL(join(appPath, pkg.main ?? 'index.js')).href);
setImmediate(() => app.becomeReady());
