import { describe, expect, it } from 'vitest';
import { packBits, unpackBits } from '../../../electron/printing/label/packbits';

const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/ /g, ''), 'hex'));

describe('PackBits', () => {
  it("packs the example of Apple's technical note as the note does", () => {
    const input = hex('AA AA AA 80 00 2A AA AA AA AA 80 00 2A 22 AA AA AA AA AA AA AA AA AA AA');
    expect(Buffer.from(packBits(input)).toString('hex')).toBe('feaa0280002afdaa0380002a22f7aa');
  });

  it('packs a blank 90-byte head row into two bytes', () => {
    expect([...packBits(new Uint8Array(90))]).toEqual([0xa7, 0x00]);
  });

  it('splits runs and literals at 128 bytes', () => {
    expect([...packBits(new Uint8Array(130).fill(7))]).toEqual([0x81, 7, 0xff, 7]);
    const literal = Uint8Array.from({ length: 130 }, (_, i) => i);
    const packed = packBits(literal);
    expect(packed[0]).toBe(127);
    expect(packed[129]).toBe(1);
    expect(unpackBits(packed)).toEqual(literal);
  });

  it('round-trips rows of any shape', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 200; n++) {
      const row = Uint8Array.from({ length: 1 + Math.floor(random() * 200) }, () => (random() < 0.6 ? 0 : Math.floor(random() * 4)));
      expect(unpackBits(packBits(row))).toEqual(row);
    }
  });
});
