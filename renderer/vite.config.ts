import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const rendererDir = fileURLToPath(new URL('.', import.meta.url));

/**
 * Builds the window into dist/renderer/. Main loads dist/renderer/index.html
 * with loadFile, so every asset path is relative (base './').
 */
export default defineConfig({
  root: rendererDir,
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer/', import.meta.url)),
    emptyOutDir: true,
    // Electron 45 embeds Chromium 140: no need to down-level anything.
    target: 'chrome140',
    // The CSP is default-src 'self': no data: URIs for small assets.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
});
