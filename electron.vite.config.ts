/**
 * electron-vite: main (ESM, dependencies stay in node_modules), preload (one CommonJS file with everything inlined,
 * as a sandboxed preload must be), renderer (the same Vite config as the web console's build).
 */
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './renderer/vite.config';

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rolldownOptions: { input: { main: resolve('electron/main.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      isolatedEntries: true,
      rolldownOptions: {
        input: { preload: resolve('electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    // Same output as `npm run build:renderer`, written over it in place (a browser test may be reading it).
    build: { ...rendererConfig.build, emptyOutDir: false, rolldownOptions: { input: resolve('renderer/index.html') } },
  },
});
