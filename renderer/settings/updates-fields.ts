import type { UpdateSettings } from '../../main/ipc-contract.ts';
import { h } from '../dom.ts';
import { worded } from '../words.ts';
import { checkboxField, type FieldSlot } from './form-fields.ts';

/**
 * General's Updates part (issue 23): look for newer versions, download them
 * without asking, and main's line on how that goes (`status`, kept by the
 * panel across redraws). Automatic downloads mean nothing with checks off.
 */
export function updatesFields(saved: UpdateSettings | undefined, status: HTMLElement): {
  element: HTMLElement; fields: FieldSlot[]; read(): UpdateSettings;
} {
  const values = saved ?? { check: true, autoDownload: false };
  const check = checkboxField('updates.settings.check', 'updates.check', values.check);
  const auto = checkboxField('updates.settings.autoDownload', 'updates.autoDownload', values.autoDownload);
  const follow = () => { auto.input.disabled = !check.input.checked; };
  check.input.addEventListener('change', follow);
  follow();
  auto.row.classList.add('indent');
  return {
    element: h('fieldset', { class: 'subsection' }, worded(h('legend'), 'updates.settings.heading'), check.row, auto.row, status),
    fields: [check.field, auto.field],
    read: () => ({ check: check.input.checked, autoDownload: auto.input.checked }),
  };
}
