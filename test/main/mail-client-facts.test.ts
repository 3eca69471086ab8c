import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseOpener } from '../../main/mail-client.ts';
import { linuxMailClientEntry } from '../../main/mail-client-facts.ts';

let dir: string;
let env: NodeJS.ProcessEnv;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mailtray-xdg-'));
  for (const sub of ['config', 'data/applications', 'bin']) await mkdir(join(dir, sub), { recursive: true });
  // xdg-mime names only a client whose program is on PATH.
  await writeFile(join(dir, 'bin', 'fakemail'), '#!/bin/sh\n');
  await chmod(join(dir, 'bin', 'fakemail'), 0o755);
  env = {
    PATH: `${join(dir, 'bin')}:/usr/bin:/bin`, HOME: dir,
    XDG_CONFIG_HOME: join(dir, 'config'), XDG_DATA_HOME: join(dir, 'data'), XDG_DATA_DIRS: join(dir, 'none'),
  };
});
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe('the default mail client on Linux, through the real xdg-mime', () => {
  it('finds the desktop entry xdg-mime names for mailto:, and the plan runs its Exec without an address', async () => {
    await writeFile(join(dir, 'config', 'mimeapps.list'), '[Default Applications]\nx-scheme-handler/mailto=fake-mail.desktop\n');
    await writeFile(join(dir, 'data', 'applications', 'fake-mail.desktop'), '[Desktop Entry]\nName=Fake Mail\nExec=fakemail --inbox %u\n');
    const entry = await linuxMailClientEntry(env);
    expect(chooseOpener(undefined, { platform: 'linux', ...(entry === undefined ? {} : { desktopEntry: entry }) }))
      .toEqual({ kind: 'command', command: 'fakemail', args: ['--inbox'] });
  });

  it('finds an entry whose id stands for a sub-folder (fake-mail.desktop in applications/fake/)', async () => {
    await writeFile(join(dir, 'config', 'mimeapps.list'), '[Default Applications]\nx-scheme-handler/mailto=fake-mail.desktop\n');
    await mkdir(join(dir, 'data', 'applications', 'fake'));
    await writeFile(join(dir, 'data', 'applications', 'fake', 'mail.desktop'), '[Desktop Entry]\nName=Fake Mail\nExec=fakemail\n');
    expect(await linuxMailClientEntry(env)).toContain('Exec=fakemail');
  });

  it('is undefined when no mail client is set, so the window opens', async () => {
    expect(await linuxMailClientEntry(env)).toBeUndefined();
  });
});
