import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const rendererDir = fileURLToPath(new URL('../../renderer/', import.meta.url));
// vite.config.ts builds the window and runs in Node; everything else runs in the window.
// The window's own folders (mail-view/, settings/) are one level down.
const windowFiles = readdirSync(rendererDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && file !== 'vite.config.ts');
const source = (file: string) => readFileSync(rendererDir + file, 'utf8');

describe('the window code', () => {
  test.each(windowFiles)('%s imports values only from the window itself and common/, and the preload API as types', (file) => {
    const imports = [...source(file).matchAll(/^import\s+(type\s+)?[^'"]*from\s+'([^']+)'/gm)];
    const up = '../'.repeat(file.split('/').length - 1);
    for (const [line, typeOnly, from] of imports) {
      const inWindow = from?.startsWith('./') || (up !== '' && from?.startsWith(up) && !from.startsWith(`${up}../`));
      if (inWindow) expect(from).toMatch(/^(\.\/|(\.\.\/)+)([a-z-]+\/)?[a-z-]+\.ts$/);
      else if (from?.startsWith(`${up}../common/`)) expect(from.slice(up.length)).toMatch(/^\.\.\/common\/([a-z0-9-]+\/)*[a-z0-9-]+\.ts$/);
      else expect({ line, typeOnly: Boolean(typeOnly), from }).toEqual({ line, typeOnly: true, from: `${up}../main/ipc-contract.ts` });
    }
  });

  test.each(windowFiles)('%s never parses strings as HTML', (file) => {
    // Mailbox names and errors come from servers: text only (DOM nodes via dom.ts).
    expect(source(file)).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment/);
  });

  test('the page allows nothing but its own files, and no inline script or style', () => {
    const html = readFileSync(`${rendererDir}index.html`, 'utf8');
    expect(html).toContain(`content="default-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"`);
    expect(html).not.toMatch(/<style|\sstyle=|<script(?![^>]*\ssrc=)/);
  });
});
