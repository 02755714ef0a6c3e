/**
 * The built headless station's entry (out/headless/station.js, see headless.vite.config.ts): the same command line
 * as `npm run station`, run with production dependencies only. The console's UI is the renderer build next to it.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runFromCommandLine } from './stationCli';

runFromCommandLine(process.argv.slice(2), { rendererDir: path.join(path.dirname(fileURLToPath(import.meta.url)), '../renderer') });
