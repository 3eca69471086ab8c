import { describe, expect, it } from 'vitest';
import {
  choiceOfTicks, foldersOfChoice, pickerOrder, pickerView, type FolderChoice, type ServerFolder, type SpecialUse,
} from '../../common/folder-choice.ts';

const folder = (path: string, specialUse?: SpecialUse, isSelectable = true): ServerFolder => ({
  path, name: path.split('/').at(-1)!, depth: path.split('/').length - 1, isSelectable, ...(specialUse ? { specialUse } : {}),
});

// A Gmail-like account, in the server's own (alphabetical) order.
const gmail: ServerFolder[] = [
  folder('INBOX', 'inbox'), folder('Lists'), folder('Lists/dev'), folder('Receipts'),
  folder('[Gmail]', undefined, false), folder('[Gmail]/All Mail', 'all'), folder('[Gmail]/Drafts', 'drafts'),
  folder('[Gmail]/Sent Mail', 'sent'), folder('[Gmail]/Spam', 'junk'), folder('[Gmail]/Starred', 'flagged'),
  folder('[Gmail]/Trash', 'trash'), folder('보관', 'archive'), folder('거래처'),
];
const paths = (list: readonly ServerFolder[]) => list.map((f) => f.path);

describe('the folder choices', () => {
  it('shows the special folders first, in the order mail programs have them, then the tree', () => {
    expect(paths(pickerOrder(gmail))).toEqual([
      'INBOX', '[Gmail]/Sent Mail', '[Gmail]/Drafts', '[Gmail]/Spam', '[Gmail]/Trash', '보관',
      'Lists', 'Lists/dev', 'Receipts', '[Gmail]', '[Gmail]/All Mail', '[Gmail]/Starred', '거래처',
    ]);
  });

  it.each<[string, Parameters<typeof foldersOfChoice>, string[]]>([
    ['Inbox only', ['inbox', gmail], ['INBOX']],
    ['Inbox only finds the Inbox whatever its case', ['inbox', [folder('Inbox', 'inbox'), folder('Sent', 'sent')]], ['Inbox']],
    ['Inbox only on a listing without one still means the Inbox', ['inbox', []], ['INBOX']],
    // All Mail and Starred repeat other folders' mail: counting them would count it twice.
    ['all but Sent, Drafts, Junk and Trash (and the virtual folders)', ['all-except', gmail], ['INBOX', '보관', 'Lists', 'Lists/dev', 'Receipts', '거래처']],
    ['a chosen set keeps what the server still has, in the picker\'s order', ['chosen', gmail, ['거래처', 'Gone', 'INBOX']], ['INBOX', '거래처']],
    ['a folder that holds only folders is never counted', ['chosen', gmail, ['[Gmail]', 'INBOX']], ['INBOX']],
  ])('%s', (_name, args, expected) => {
    expect(foldersOfChoice(...args)).toEqual(expected);
  });

  it.each<[string, string[], FolderChoice['kind']]>([
    ['the Inbox alone is Inbox only', ['INBOX'], 'inbox'],
    ['exactly the rule\'s folders are the rule, ticked in any order', ['거래처', 'Receipts', 'INBOX', 'Lists/dev', 'Lists', '보관'], 'all-except'],
    ['one more is a chosen set', ['INBOX', '[Gmail]/Sent Mail'], 'chosen'],
    ['one fewer is a chosen set', ['INBOX', 'Lists'], 'chosen'],
    ['none is a chosen set of none (the form then asks for one)', [], 'chosen'],
  ])('ticks: %s', (_name, ticked, kind) => {
    expect(choiceOfTicks(ticked, gmail)).toMatchObject({ kind, known: paths(gmail) });
  });
});

describe('the picker for a saved choice', () => {
  const known = paths(gmail).filter((p) => p !== '거래처');

  it.each<[string, FolderChoice, { ticked: string[]; offered: string[]; gone: string[] }]>([
    ['Inbox only offers a new folder unticked', { kind: 'inbox', folders: ['INBOX'], known },
      { ticked: ['INBOX'], offered: ['거래처'], gone: [] }],
    ['a chosen set offers it unticked, and names what the server lost', { kind: 'chosen', folders: ['INBOX', 'Old'], known },
      { ticked: ['INBOX'], offered: ['거래처'], gone: ['Old'] }],
    // "All folders except …" is a rule: the new folder is ticked by it, shown as new, counted once saved.
    ['the rule ticks a new folder, and says it is new', { kind: 'all-except', folders: ['INBOX', 'Lists'], known },
      { ticked: ['INBOX', '보관', 'Lists', 'Lists/dev', 'Receipts', '거래처'], offered: ['거래처'], gone: [] }],
    ['a settings file from before folders were listed offers nothing as new', { kind: 'inbox', folders: ['INBOX'] },
      { ticked: ['INBOX'], offered: [], gone: [] }],
    ['"inbox" saved in another case is the Inbox, not gone', { kind: 'inbox', folders: ['inbox'], known: paths(gmail) },
      { ticked: ['INBOX'], offered: [], gone: [] }],
  ])('%s', (_name, choice, expected) => {
    const view = pickerView(choice, gmail);
    expect({ ticked: view.rows.filter((r) => r.isChecked).map((r) => r.folder.path), offered: view.offered, gone: view.gone })
      .toEqual(expected);
  });
});
