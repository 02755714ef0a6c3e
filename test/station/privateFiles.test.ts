/**
 * What the station keeps on disk (journal, station id, logs) is for this user only: files 0600 in 0700 folders.
 * POSIX modes only: on Windows the profile folder's ACL does this job.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../electron/station/durability/journal';
import { stationIdentity } from '../../electron/station/identity';
import { createStationLogger } from '../../electron/station/logger';
import { waitFor } from './stationFixture';

const posix = process.platform !== 'win32';
const modeOf = (p: string) => statSync(p).mode & 0o777;
const freshDir = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'ps-private-')), 'data');

describe.runIf(posix)('files the station keeps are private', () => {
  it('station-id is 0600 in a 0700 data dir', () => {
    const dataDir = freshDir();
    stationIdentity({ station: { name: 'Front' } as never, dataDir });
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.join(dataDir, 'station-id'))).toBe(0o600);
  });

  it('the journal is 0600 in a 0700 folder, also after it was compacted', () => {
    const dir = path.join(freshDir(), 'journal');
    const journal = Journal.open(dir);
    const file = path.join(dir, 'journal.jsonl');
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    journal.compact();
    expect(modeOf(file)).toBe(0o600);
    journal.close();
  });

  it('the log file is 0600 in a 0700 logs folder', async () => {
    const dataDir = freshDir();
    const logger = createStationLogger({ logId: `private-${Date.now()}`, dataDir, console: false });
    logger.info('hello');
    const file = path.join(dataDir, 'logs', 'station.log');
    await waitFor('the log line on disk', () => {
      try {
        return readFileSync(file, 'utf8').includes('hello');
      } catch {
        return false;
      }
    });
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(path.dirname(file))).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
  });
});
