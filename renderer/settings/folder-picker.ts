import type { MessageKey } from '../../common/i18n/catalogues/en.ts';
import {
  choiceOfTicks, foldersOfChoice, isInbox, pickerView, type FolderChoice, type FolderChoiceKind, type ServerFolder, type SpecialUse,
} from '../../common/folder-choice.ts';
import type { FolderListResult } from '../../main/ipc-contract.ts';
import { h, setText, uniqueId } from '../dom.ts';
import { unworded, worded, wordedAs } from '../words.ts';
import type { FieldSlot } from './form-fields.ts';

const choiceWords: Record<FolderChoiceKind, MessageKey> = {
  inbox: 'folders.choice.inbox', 'all-except': 'folders.choice.allExcept', chosen: 'folders.choice.chosen',
};
const specialWords: Record<SpecialUse, MessageKey> = {
  inbox: 'folders.special.inbox', sent: 'folders.special.sent', drafts: 'folders.special.drafts', junk: 'folders.special.junk',
  trash: 'folders.special.trash', archive: 'folders.special.archive', all: 'folders.special.all', flagged: 'folders.special.flagged',
};

export interface FolderPicker {
  row: HTMLElement;
  field: FieldSlot;
  /** The choice as ticked now; the saved one until the server's folders are listed. */
  read(): FolderChoice;
  /** Lists the server's folders (again) and shows them; what is ticked stays ticked where the folder is still there. */
  load(): Promise<void>;
  /** Whether the server's folders have been listed in this form. */
  readonly isListed: boolean;
  /** Brings the picker into view with its current choice focused ("Pick folders again" from the Mail tab). */
  focus(): void;
}

/**
 * The account's folders with checkboxes, and the one-click choices (Inbox
 * only, all but Sent/Drafts/Junk/Trash, a chosen set). The decisions are
 * common/folder-choice.ts's; this file only draws them. Folder names come
 * from the server, so they go in as text, each in its own direction.
 */
export function folderPicker(path: string, saved: FolderChoice, listFolders: () => Promise<FolderListResult>): FolderPicker {
  let choice: FolderChoice = { kind: saved.kind, folders: [...saved.folders] };
  // What "new" is measured against while the form is open: the folders known when the choice was saved.
  const baseKnown = saved.known;
  let listing: ServerFolder[] | undefined;
  let loading: Promise<void> | undefined;
  /** A one-click choice made before the folders were listed: applied when they are. */
  let wanted: FolderChoiceKind | undefined;

  const name = `folder-choice-${uniqueId('picker')}`;
  const radios = new Map<FolderChoiceKind, HTMLInputElement>();
  const choices = h('div', { class: 'folder-choices', role: 'radiogroup' });
  for (const kind of ['inbox', 'all-except', 'chosen'] as const) {
    const id = uniqueId('folder-choice');
    const radio = h('input', { type: 'radio', name, id, value: kind });
    radios.set(kind, radio);
    choices.append(h('div', { class: 'check' }, radio, worded(h('label', { for: id }), choiceWords[kind])));
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      field.showError(undefined);
      if (kind === 'chosen') return;
      if (!listing) {
        wanted = kind;
        void picker.load();
        return;
      }
      choice = { kind, folders: foldersOfChoice(kind, listing) };
      draw();
    });
  }
  const summary = h('p', { class: 'hint folder-summary', 'aria-live': 'polite' });
  const status = h('p', { class: 'hint folder-status', role: 'status' });
  const details = h('p', { class: 'hint folder-status-details' });
  const showButton = worded(h('button', { type: 'button', class: 'secondary' }), 'folders.list.show');
  showButton.addEventListener('click', () => { void picker.load(); });
  const notes = h('ul', { class: 'folder-notes' });
  const list = h('ul', { class: 'folder-list' });
  const error = h('p', { class: 'field-error', id: uniqueId('error'), hidden: true });
  const legendId = uniqueId('legend');
  const row = h('fieldset', { class: 'field folder-picker', 'aria-labelledby': legendId },
    worded(h('legend', { id: legendId }), 'folders.label'),
    choices, summary, notes, list, h('div', { class: 'actions' }, showButton), status, details, error);

  const field: FieldSlot = {
    path,
    // Problems are read with the first choice; the error line says which.
    control: radios.get('inbox')!,
    showError(message) {
      if (message === undefined) unworded(error, '');
      else wordedAs(error, message);
      error.hidden = message === undefined;
      if (message === undefined) row.removeAttribute('aria-invalid');
      else row.setAttribute('aria-invalid', 'true');
    },
  };

  function tick(path: string, isTicked: boolean): void {
    if (!listing) return;
    const ticked = new Set(choice.folders);
    if (isTicked) ticked.add(path);
    else ticked.delete(path);
    const { kind, folders } = choiceOfTicks([...ticked], listing);
    choice = { kind, folders };
    field.showError(undefined);
    draw();
  }

  function folderRow(folder: ServerFolder, isChecked: boolean, isNew: boolean, isListed: boolean): HTMLElement {
    const id = uniqueId('folder');
    const box = h('input', { type: 'checkbox', id, value: folder.path });
    box.checked = isChecked;
    box.disabled = !isListed || !folder.isSelectable;
    box.addEventListener('change', () => tick(folder.path, box.checked));
    const use = isInbox(folder.path) ? 'inbox' : folder.specialUse;
    // The server's own name is what the person knows; the special use is said beside it, in their language.
    const label = h('label', { for: id }, h('bdi', { class: 'folder-name' }, folder.name));
    if (use) label.append(' ', worded(h('span', { class: 'tag' }), specialWords[use]));
    if (!folder.isSelectable) label.append(' ', worded(h('span', { class: 'tag muted' }), 'folders.holdsFolders'));
    const item = h('li', { class: isNew ? 'check folder new' : 'check folder' }, box, label);
    item.style.setProperty('--depth', String(folder.depth));
    return item;
  }

  /** The offer of a new folder, outside the scrolling list so it is seen: "New folder: X. Add it?" with Add. */
  function offerNote(folder: ServerFolder, isChecked: boolean): HTMLElement {
    const byRule = choice.kind === 'all-except' && isChecked;
    const note = h('li', { class: 'folder-offer' },
      worded(h('span', { class: 'folder-new' }), byRule ? 'folders.newByRule' : 'folders.new', { folder: folder.path }));
    if (!byRule && !isChecked) {
      const add = worded(h('button', { type: 'button', class: 'secondary small' }), 'folders.add');
      add.addEventListener('click', () => tick(folder.path, true));
      note.append(' ', add);
    }
    return note;
  }

  function draw(): void {
    radios.get(choice.kind)!.checked = true;
    worded(summary, 'folders.summary', { count: choice.folders.length });
    if (!listing) {
      // Before the server is asked: the saved folders, ticked, as they are counted now.
      list.replaceChildren(...choice.folders.map((path) => folderRow({ path, name: path, depth: 0, isSelectable: true }, true, false, false)));
      notes.replaceChildren();
      return;
    }
    const view = pickerView(baseKnown ? { ...choice, known: baseKnown } : choice, listing);
    list.replaceChildren(...view.rows.map((r) => folderRow(r.folder, r.isChecked, r.isNew, true)));
    // Gone from what was saved: the folders the server counts now, which it can no longer find.
    const { gone } = pickerView(saved, listing);
    notes.replaceChildren(
      ...gone.map((path) => worded(h('li', { class: 'folder-gone' }), 'folders.gone', { folder: path })),
      // A new folder ticked by hand needs no more offer; one ticked by the rule is still said to be new.
      ...view.rows.filter((r) => r.isNew && (!r.isChecked || choice.kind === 'all-except')).map((r) => offerNote(r.folder, r.isChecked)));
  }

  const picker: FolderPicker = {
    row,
    field,
    get isListed() {
      return listing !== undefined;
    },
    focus() {
      row.scrollIntoView({ block: 'center' });
      radios.get(choice.kind)!.focus();
    },
    read() {
      // Saving makes every listed folder known: a new folder offered and left unticked is not offered again.
      const known = listing ? listing.map((f) => f.path) : baseKnown;
      return { kind: choice.kind, folders: [...choice.folders], ...(known ? { known: [...known] } : {}) };
    },
    load() {
      loading ??= (async () => {
        showButton.disabled = true;
        status.className = 'hint folder-status';
        worded(status, 'folders.list.loading');
        setText(details, '');
        try {
          const result = await listFolders();
          if (!result.ok) {
            status.className = 'hint folder-status problem';
            worded(status, 'folders.list.failed');
            wordedAs(details, result.message);
            // A one-click choice that needed the list falls back to what was chosen.
            wanted = undefined;
            draw();
            return;
          }
          listing = result.folders;
          unworded(status, '');
          setText(details, '');
          // A choice made here stays a choice: ticks on folders still there, the rule applied again for a rule.
          const kind = wanted ?? choice.kind;
          wanted = undefined;
          const folders = kind === 'chosen' ? foldersOfChoice('chosen', listing, choice.folders) : foldersOfChoice(kind, listing);
          choice = { kind, folders };
          draw();
        } catch {
          status.className = 'hint folder-status problem';
          worded(status, 'folders.list.failed');
          wanted = undefined;
          draw();
        } finally {
          showButton.disabled = false;
          loading = undefined;
        }
      })();
      return loading;
    },
  };
  worded(status, 'folders.notListed');
  draw();
  return picker;
}
