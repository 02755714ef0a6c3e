/**
 * The version of this install: package.json's, found by walking up from this file. That is the same file whether
 * the station runs from the sources (electron/headless) or from the build (out/headless, its chunks beside it),
 * and it is the file `npm ci` installed the dependencies from, so the version and the code cannot disagree.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const OurPackage = z.object({ name: z.literal('print-station'), version: z.string().min(1) });

export function packageVersion(from: string = import.meta.url): string {
  const start = path.dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  for (let dir = start; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const ours = OurPackage.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (ours.success) return ours.data.version;
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`No print-station package.json above ${start}: install the station with its package.json beside out/.`);
    }
  }
}
