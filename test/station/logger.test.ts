import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStationLogger } from '../../electron/station/logger';
import { waitFor } from './stationFixture';

describe('the station log cannot be forged through order ids and names', () => {
  it('keeps one entry on one line, with newlines and ANSI escapes shown, in the file and in the UI ring', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ps-log-'));
    const logger = createStationLogger({ logId: `forge-${Date.now()}`, dataDir, console: false });
    const orderId = 'A-1\n[2024-01-01 00:00:00.000] [error] Printer Front on fire';
    logger.warn('Operator \u001b[2K\u001b[1Gnobody cancelled the order\r\nreally', { orderId, printerId: 'st1:front\u202E' });
    logger.info('END');
    const file = path.join(dataDir, 'logs', 'station.log');
    const text = await waitFor('both entries on disk', () => {
      try {
        const t = readFileSync(file, 'utf8');
        return t.includes('END') && t;
      } catch {
        return false;
      }
    });
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(lines[0]).toContain('A-1\\n[2024-01-01');
    const [line] = logger.recent(2);
    expect(line!.message).toBe('Operator \\x1b[2K\\x1b[1Gnobody cancelled the order\\r\\nreally');
    expect(line!.orderId).toBe('A-1\\n[2024-01-01 00:00:00.000] [error] Printer Front on fire');
    expect(line!.printerId).toBe('st1:front\\u202e');
  });
});
