/**
 * The station's stable id (`stations._id`): from the config when given, otherwise made once and kept in the data
 * dir, so a restart is the same station (its journal, its printers' ids) and not a new one.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { StationConfig } from './config';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenFile } from './privateFiles';

export function stationIdentity(config: Pick<StationConfig, 'station' | 'dataDir'>): { id: string; name: string } {
  const name = config.station.name || os.hostname();
  if (config.station.id) return { id: config.station.id, name };
  ensurePrivateDir(config.dataDir);
  const file = path.join(config.dataDir, 'station-id');
  if (existsSync(file)) {
    tightenFile(file);
    const kept = readFileSync(file, 'utf8').trim();
    if (kept) return { id: kept, name };
  }
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'station';
  const id = `${slug}-${randomUUID().slice(0, 8)}`;
  writeFileSync(file, `${id}\n`, { mode: PRIVATE_FILE_MODE });
  return { id, name };
}
