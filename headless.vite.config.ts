/**
 * The headless station as plain JavaScript: out/headless/station.js (ESM, Node 20.19+), run with `node` and the
 * production dependencies only (`npm ci --omit=dev`), no tsx and no sources. Our own code (electron/, shared/) is
 * bundled; every package in package.json's "dependencies" stays external and is loaded from node_modules: the native
 * ones (@napi-rs/canvas) cannot be bundled, mongodb has optional native add-ons it looks up by name, and pdfjs-dist
 * reads its standard fonts and wasm decoders from its own folder on disk. Anything else a station imports must be
 * bundled or listed there; test/headless/builtStation.test.ts runs the result from a directory with nothing else.
 */
import { chmodSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const productionDependencies = Object.keys(
  (JSON.parse(readFileSync(resolve(import.meta.dirname, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies,
);

/** A bare import of a production dependency (or a file inside one), or a Node built-in. */
function loadedAtRunTime(id: string): boolean {
  if (id.startsWith('node:') || builtinModules.includes(id)) return true;
  return productionDependencies.some((dep) => id === dep || id.startsWith(`${dep}/`));
}

/** The entry carries a `#!/usr/bin/env node` line: executable, it is the `print-station` command (package.json "bin"). */
function executableEntry(): Plugin {
  return {
    name: 'print-station-executable-entry',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const [fileName, chunk] of Object.entries(bundle))
        if (chunk.type === 'chunk' && chunk.isEntry) chmodSync(resolve(options.dir!, fileName), 0o755);
    },
  };
}

export default defineConfig({
  plugins: [executableEntry()],
  // No public/ folder, no index.html: a library-style build of one entry for Node.
  publicDir: false,
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: resolve(import.meta.dirname, 'electron/headless/station.ts'),
    outDir: resolve(import.meta.dirname, 'out/headless'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    // No inline copies of files: the station reads nothing at build time.
    assetsInlineLimit: 0,
    rolldownOptions: {
      external: loadedAtRunTime,
      // listPrinters imports the DNS-SD module that discovery loads lazily: one chunk either way, nothing to report.
      onLog: (level, log, report) => log.code === 'INEFFECTIVE_DYNAMIC_IMPORT' || report(level, log),
      output: {
        format: 'es',
        entryFileNames: 'station.js',
        // Beside the entry: code that finds files relative to itself (package.json, the renderer) sees the same folder.
        chunkFileNames: '[name]-[hash].js',
        banner: '#!/usr/bin/env node',
      },
    },
  },
});
