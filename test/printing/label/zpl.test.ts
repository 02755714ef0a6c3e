import { describe, expect, it } from 'vitest';
import { bitmapFromArt, blankBitmap } from '../../../electron/printing/label/bitmap';
import { compressGraphic, compressRow, encodeZpl, repeatCount, repeatRun } from '../../../electron/printing/label/zpl';

describe('ZPL ^GFA compressed ASCII', () => {
  it('says run counts with G..Y for 1..19 and g..z for twenties, added together', () => {
    expect(repeatCount(1)).toBe('G');
    expect(repeatCount(19)).toBe('Y');
    expect(repeatCount(20)).toBe('g');
    expect(repeatCount(43)).toBe('hI');
    expect(repeatCount(400)).toBe('z');
    expect(repeatCount(419)).toBe('zY');
    expect(() => repeatCount(420)).toThrow(/1\.\.419/);
  });

  it('writes short runs plainly and splits a run longer than one prefix can say', () => {
    expect(repeatRun('A', 1)).toBe('A');
    expect(repeatRun('A', 2)).toBe('AA');
    expect(repeatRun('A', 3)).toBe('IA');
    expect(repeatRun('8', 500)).toBe('zY8' + 'jG8'); // 419 + 81 (4 twenties and 1)
  });

  it('closes a white tail with a comma and a black tail with an exclamation mark', () => {
    expect(compressRow('FFF00000')).toBe('IF,');
    expect(compressRow('FF000000')).toBe('FF,');
    expect(compressRow('0000FFFF')).toBe('J0!');
    expect(compressRow('00000000')).toBe(',');
    expect(compressRow('A5A5')).toBe('A5A5');
  });

  it('repeats an identical row with a colon and never starts with one', () => {
    const label = bitmapFromArt(['########........', '########........', '........########', '................']);
    expect(compressGraphic(label)).toBe('FF,:00!,');
    const withBlank = bitmapFromArt(['................', '................']);
    expect(compressGraphic(withBlank)).toBe(',:');
  });

  it('frames each label with width, length, the field sizes and the copies', () => {
    const label = blankBitmap(20, 3); // 3 bytes a row, 9 bytes in all
    const zpl = encodeZpl([label, label], { copies: 4 }).toString('ascii');
    expect(zpl.match(/\^XA/g)).toHaveLength(2);
    expect(zpl).toContain('^PW20\n^LL3\n^FO0,0^GFA,9,9,3,,::^FS\n^PQ4\n^XZ');
  });
});
