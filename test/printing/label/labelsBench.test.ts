/** `npm run bench -- labels --json` reports one row per label case with the fields the issue asks for. Shape only. */
import { describe, expect, it } from 'vitest';
import { run } from '../../../bench/labels';

describe('npm run bench -- labels', () => {
  it('reports render and encode p50 and the bytes of each encoder for the 4x6 and the 62 mm label', async () => {
    const lines: string[] = [];
    await run(['--json', '--samples', '1'], (line) => lines.push(line));
    expect(lines).toHaveLength(1);
    const number = expect.any(Number);
    expect(JSON.parse(lines[0]!)).toEqual([
      expect.objectContaining({
        dpi: 203,
        label: '4x6in',
        renderMsP50: number,
        encodeMsP50: number,
        bytesZpl: number,
        bytesBrother: null,
        bytesPwg: number,
      }),
      expect.objectContaining({
        dpi: 300,
        label: '62x100mm (62 mm roll)',
        renderMsP50: number,
        encodeMsP50: number,
        bytesZpl: number,
        bytesBrother: number,
        bytesPwg: number,
      }),
    ]);
  }, 120_000);
});
