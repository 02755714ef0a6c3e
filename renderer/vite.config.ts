/**
 * The operator UI's build. One output (out/renderer) serves both the Electron window (loaded from file) and the
 * headless web console. The CSP goes in as a meta tag at build time only (the dev server needs inline scripts).
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { contentSecurityPolicy } from '../electron/shell/csp';

export const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
export const rendererOutDir = fileURLToPath(new URL('../out/renderer', import.meta.url));

function cspMetaTag(): Plugin {
  return {
    name: 'print-station-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace(
        '<head>',
        `<head>\n    <meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ forMetaTag: true })}" />`,
      ),
  };
}

export const rendererConfig: UserConfig = {
  root: rendererRoot,
  base: './',
  plugins: [react(), cspMetaTag()],
  // Spelled out so `vite build` and `electron-vite build` write the same files (same names, same bytes): a rebuild
  // by one while a console serves the other's output then changes nothing under it.
  build: {
    outDir: rendererOutDir,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    target: 'es2022',
    minify: true,
    cssMinify: true,
    modulePreload: { polyfill: false },
  },
};

export default defineConfig(rendererConfig);
