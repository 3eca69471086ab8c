import type { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldersOfChoice, pickerView } from '../../common/folder-choice.ts';
import { translatorFor } from '../../common/i18n/translator.ts';
import type { RunningServer } from '../../server/run/start.ts';
import { imapSourceEntry } from '../../main/bundled/account-entry.ts';
import { listFolders } from '../../main/bundled/account-test.ts';
import type { AccountWithPassword } from '../../main/settings/bundled-accounts.ts';
import { message, startDovecot, type Dovecot } from '../helpers/dovecot.ts';
import { pollUntil, startSourceServer } from '../helpers/source-server.ts';

/*
 * The folder picker's facts against a real Dovecot: the folders as the server
 * lists them (special-use flags, a Korean name in modified UTF-7, a tree), the
 * bundled server counting several folders as one mailbox, and what a folder
 * renamed, deleted or created on the server does to the mailbox and the picker.
 */

const ann = { user: 'ann@example.com', password: 'ann-folders-password' };

// Special use as Dovecot's own example config sets it (RFC 6154), "/" between levels as Naver, Daum and Gmail have it.
const specialUse = `namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    auto = create
    special_use = \\Sent
  }
  mailbox Drafts {
    auto = create
    special_use = \\Drafts
  }
  mailbox Junk {
    auto = create
    special_use = \\Junk
  }
  mailbox Trash {
    auto = create
    special_use = \\Trash
  }
  mailbox Archive {
    auto = create
    special_use = \\Archive
  }
}
`;

describe('an account\'s folders, from a real Dovecot', () => {
  let dovecot: Dovecot;
  let mail: ImapFlow;
  const servers: RunningServer[] = [];

  beforeAll(async () => {
    dovecot = await startDovecot({ users: [ann], extraConfig: specialUse });
    mail = await dovecot.client(ann);
    await mail.mailboxCreate('거래처');
    await mail.mailboxCreate(['Projects', '2026']);
    await mail.mailboxCreate('Lists');
    await mail.append('INBOX', message('inbox one'));
    await mail.append('거래처', message('견적서'));
    await mail.append('거래처', message('계약서'));
    await mail.append(['Projects', '2026'], message('plan'));
    await mail.append('Sent', message('sent one'));
  });
  afterAll(async () => {
    await Promise.allSettled(servers.map((s) => s.stop()));
    await mail?.logout().catch(() => {});
    await dovecot?.stop();
  });

  const account = (fields: Partial<AccountWithPassword> = {}): AccountWithPassword => ({
    id: 'work', name: 'Work', host: '127.0.0.1', port: dovecot.tlsPort, security: 'tls', ca: dovecot.certPath,
    user: ann.user, password: ann.password, folders: ['INBOX'], folderChoice: 'inbox', ...fields,
  });

  it('lists the folders with their special use, a Korean name in its own script, and the tree', async () => {
    const listed = await listFolders(imapSourceEntry(account()));
    if (!listed.ok) throw new Error(translatorFor('en').say(listed.message));
    const byPath = new Map(listed.folders.map((f) => [f.path, f]));
    expect([...byPath.keys()].sort()).toEqual(['Archive', 'Drafts', 'INBOX', 'Junk', 'Lists', 'Projects', 'Projects/2026', 'Sent', 'Trash', '거래처']);
    expect(Object.fromEntries(listed.folders.filter((f) => f.specialUse).map((f) => [f.path, f.specialUse]))).toEqual({
      INBOX: 'inbox', Sent: 'sent', Drafts: 'drafts', Junk: 'junk', Trash: 'trash', Archive: 'archive',
    });
    expect(byPath.get('거래처')).toEqual({ path: '거래처', name: '거래처', depth: 0, isSelectable: true });
    expect(byPath.get('Projects/2026')).toEqual({ path: 'Projects/2026', name: '2026', depth: 1, isSelectable: true });
    // Made only as the parent of Projects/2026: it holds no mail (\Noselect), so it is shown but cannot be counted.
    expect(byPath.get('Projects')).toMatchObject({ depth: 0, isSelectable: false });
    // Dovecot speaks modified UTF-7 on the wire; the name arrives decoded, never as "&rHC3mMyY-".
    expect(JSON.stringify(listed.folders)).not.toContain('&');

    // The one-click choices on this listing.
    expect(foldersOfChoice('inbox', listed.folders)).toEqual(['INBOX']);
    expect(foldersOfChoice('all-except', listed.folders)).toEqual(['INBOX', 'Archive', 'Lists', 'Projects/2026', '거래처']);
  });

  it('says why the folders cannot be listed, in the words "Test account" uses', async () => {
    const listed = await listFolders(imapSourceEntry(account({ password: 'not-it' })));
    expect(listed).toMatchObject({ ok: false, problem: 'auth' });
    expect(translatorFor('en').say((listed as { message: Parameters<ReturnType<typeof translatorFor>['say']>[0] }).message))
      .toBe('Wrong user name or password: login failed for ann@example.com: the server said AUTHENTICATIONFAILED.');
  });

  it('counts several folders as one mailbox; a folder renamed on the server says so, and the picker offers the new name', async () => {
    const chosen = ['INBOX', '거래처', 'Projects/2026'];
    const server = await startSourceServer([imapSourceEntry(account({ folders: chosen, folderChoice: 'chosen' }))]);
    servers.push(server);
    const counted = await pollUntil(server, (a) => a.mailboxes[0]?.state === 'ok');
    expect(counted.mailboxes[0]).toMatchObject({ id: 'work', count: 4, state: 'ok' });

    const before = await listFolders(imapSourceEntry(account()));
    if (!before.ok) throw new Error('not listed');
    await mail.mailboxRename(['Projects', '2026'], ['Projects', '2026 done']);
    // Any change makes the source count every folder again; the renamed one is not there to count.
    await mail.append('INBOX', message('inbox two'));
    const failed = await pollUntil(server, (a) => a.mailboxes[0]?.state === 'error');
    expect(failed.mailboxes[0]).toMatchObject({ errorKind: 'folder', errorFacts: { folder: 'Projects/2026', host: '127.0.0.1' } });
    expect(failed.mailboxes[0]!.error).toMatch(/^the folder "Projects\/2026" on 127\.0\.0\.1 cannot be counted: /);

    // The picker, opened on the saved choice: the old name gone, the new one offered, never ticked by itself.
    const after = await listFolders(imapSourceEntry(account()));
    if (!after.ok) throw new Error('not listed');
    const view = pickerView({ kind: 'chosen', folders: chosen, known: before.folders.map((f) => f.path) }, after.folders);
    expect(view.gone).toEqual(['Projects/2026']);
    expect(view.offered).toEqual(['Projects/2026 done']);
    expect(view.rows.filter((r) => r.isChecked).map((r) => r.folder.path)).toEqual(['INBOX', '거래처']);
  });

  it('a folder deleted on the server turns the mailbox to a folder error; a new one is offered, not counted', async () => {
    await mail.mailboxCreate('Receipts');
    await mail.append('Receipts', message('receipt'));
    const before = await listFolders(imapSourceEntry(account()));
    if (!before.ok) throw new Error('not listed');
    const chosen = ['INBOX', 'Receipts'];
    const server = await startSourceServer([imapSourceEntry(account({ id: 'home', folders: chosen, folderChoice: 'chosen' }))]);
    servers.push(server);
    const counted = await pollUntil(server, (a) => a.mailboxes[0]?.state === 'ok');
    const inbox = counted.mailboxes[0]!.count - 1;
    expect(inbox).toBeGreaterThanOrEqual(1);

    await mail.mailboxDelete('Receipts');
    await mail.mailboxCreate('Invoices');
    await mail.append('Invoices', message('invoice'));
    await mail.append('INBOX', message('inbox three'));
    const failed = await pollUntil(server, (a) => a.mailboxes[0]?.state === 'error');
    expect(failed.mailboxes[0]).toMatchObject({ errorKind: 'folder', errorFacts: { folder: 'Receipts' } });

    const after = await listFolders(imapSourceEntry(account()));
    if (!after.ok) throw new Error('not listed');
    const known = before.folders.map((f) => f.path);
    for (const kind of ['inbox', 'chosen'] as const) {
      const view = pickerView({ kind, folders: kind === 'inbox' ? ['INBOX'] : chosen, known }, after.folders);
      expect(view.offered).toEqual(['Invoices']);
      expect(view.rows.find((r) => r.folder.path === 'Invoices')!.isChecked).toBe(false);
    }
    expect(pickerView({ kind: 'chosen', folders: chosen, known }, after.folders).gone).toEqual(['Receipts']);
    // With "All folders except …" the choice is the rule: the new folder is ticked by it and named as new.
    const ruled = pickerView({ kind: 'all-except', folders: foldersOfChoice('all-except', before.folders), known }, after.folders);
    expect(ruled.offered).toEqual(['Invoices']);
    expect(ruled.rows.find((r) => r.folder.path === 'Invoices')!.isChecked).toBe(true);
  });
});
