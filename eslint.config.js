import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/**
 * The folder rules of DESIGN.md, "Folders": who may import whom. One
 * `no-restricted-imports` per folder; a later entry for the same files
 * replaces an earlier one, so each lists everything its folder may not do.
 */
const electron = { name: 'electron', message: 'Only the thin adapters in main/electron/ and main/preload.ts import electron.' };
const nodeApi = { regex: '^node:', message: 'common/ and renderer/ run in the window too: no Node APIs.' };
const notCommon = (folder) => ({ regex: `^(\\.\\./)+(${folder})/`, message: `This folder may not import ${folder}/ (DESIGN.md, "Folders").` });
// What the window (renderer/ and its two views) may not import: Node, the server, main/ beyond the preload API's types.
const windowPatterns = [
  nodeApi,
  notCommon('server'),
  { regex: '^(\\.\\./)+main/', allowTypeImports: true, message: 'The window takes only types from main/ (the preload API); shared rules live in common/.' },
];
const noImports = (rule) => ['error', rule];

/**
 * The count server's rooms (DESIGN.md, "Folders"), lowest first. A room imports
 * its own files, lower rooms and server/'s loose files (log.ts, version.ts,
 * config-check.ts, worker-number.ts, which import no room), never a room above
 * it. test/server/import-graph.test.ts checks the whole import graph against
 * this same list, dynamic imports and circles included.
 */
export const serverRooms = ['messages', 'store', 'tokens', 'polls', 'sources', 'config', 'http', 'run', 'workers', 'cli'];
const serverOnly = (patterns) => noImports({
  paths: [{ name: 'electron', message: 'The server never imports electron.' }],
  patterns: [notCommon('main|renderer'), ...patterns],
});
const roomRules = serverRooms.map((room, rank) => {
  const above = serverRooms.slice(rank + 1);
  const patterns = above.length === 0 ? [] : [{
    regex: `^(\\.\\./)+(${above.join('|')})/`,
    message: `server/${room}/ may not import a room above it (${above.join('/, ')}/): imports run one way (eslint.config.js, serverRooms).`,
  }];
  return { files: [`server/${room}/**/*.ts`], rules: { '@typescript-eslint/no-restricted-imports': serverOnly(patterns) } };
});

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', '.tools/', 'test-output/', 'renderer/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-restricted-imports': noImports({ paths: [electron] }),
    },
  },
  {
    // What server, main and renderer all speak: nothing of the other folders, no Node, no packages.
    files: ['common/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': noImports({
        paths: [electron],
        patterns: [
          { regex: '^\\.\\./', message: 'common/ imports nothing of the project\'s other folders (DESIGN.md, "Folders").' },
          nodeApi,
          // The one exception: the ICU message formatter (and its parser), pure JavaScript that the window bundles too.
          {
            regex: '^(?!intl-messageformat$|@formatjs/icu-messageformat-parser(/printer\\.js)?$)[^.]',
            message: 'common/ uses no packages but the ICU message formatter: the window imports it too.',
          },
        ],
      }),
    },
  },
  {
    // server/'s loose files sit below every room: what they import, everything may.
    files: ['server/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': serverOnly([
        { regex: '^\\./[^/]+/', message: "server/'s loose files (log.ts, version.ts, ...) import no room: every room imports them." },
      ]),
    },
  },
  ...roomRules,
  {
    // main/ uses server/ only to host the bundled server (main/bundled/).
    files: ['main/**/*.ts'],
    ignores: ['main/bundled/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': noImports({
        paths: [electron],
        patterns: [{ ...notCommon('server|renderer'), message: 'main/ imports server/ only in main/bundled/, to host the bundled server; shared words live in common/.' }],
      }),
    },
  },
  // main/'s rooms: each decides one thing and mailtray-app.ts wires them together, so a room imports
  // neither another room nor the app that composes it; each stays testable alone.
  ...['connection', 'notifications', 'tray'].map((room) => ({
    files: [`main/${room}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': noImports({
        paths: [electron],
        patterns: [
          { ...notCommon('server|renderer'), message: 'main/ imports server/ only in main/bundled/, to host the bundled server; shared words live in common/.' },
          { regex: '^\\.\\./(connection|notifications|tray)/', message: `main/${room}/ imports no other room of main/: mailtray-app.ts wires them together.` },
          { regex: '^\\.\\./mailtray-app\\.ts$', message: `main/${room}/ is used by mailtray-app.ts, never the other way round.` },
        ],
      }),
    },
  })),
  {
    files: ['main/bundled/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': noImports({
        paths: [electron],
        patterns: [
          notCommon('renderer'),
          // "Test account" and the folder picker go through the probes each source exports (IMAP, Graph), not into the source's workings.
          { regex: '^(\\.\\./)+server/sources/(?!imap/account-(probe|folders)\\.ts$|graph/graph-probe\\.ts$)', message: 'main/bundled/ takes from the sources only their probes (server/sources/imap/account-probe.ts, account-folders.ts, server/sources/graph/graph-probe.ts).' },
        ],
      }),
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': noImports({ patterns: [{ ...notCommon('server|renderer'), message: 'The Electron adapters translate; they import main/ and common/, not the server.' }] }),
    },
  },
  {
    files: ['main/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': noImports({
        // The channel declarations (ipc-contract.ts, types and two plain objects) are bundled in with it.
        patterns: [{ regex: '^\\.(?!/ipc-contract\\.ts$)', allowTypeImports: true, message: 'The preload imports electron, the channel declarations and types, nothing else.' }],
      }),
    },
  },
  {
    // The window: the preload API's types, common/, and its own files.
    files: ['renderer/**/*.ts'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': noImports({
        paths: [electron],
        patterns: windowPatterns,
      }),
    },
  },
  // The window's two views: each takes the shared window pieces (dom.ts, tabs.ts, ...) but not the other view.
  ...[['mail-view', 'settings'], ['settings', 'mail-view']].map(([view, other]) => ({
    files: [`renderer/${view}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': noImports({
        paths: [electron],
        patterns: [
          ...windowPatterns,
          { regex: `^\\.\\./${other}/`, message: `renderer/${view}/ does not import renderer/${other}/: what both use lives in renderer/ itself.` },
        ],
      }),
    },
  })),
  {
    // Tests and tools may import anything; only the end-to-end suite drives Electron itself.
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'renderer/vite.config.ts', '*.ts', '*.js'],
    rules: { '@typescript-eslint/no-restricted-imports': noImports({ paths: [electron] }) },
  },
  {
    files: ['test/e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': 'off' },
  },
);
