import { describe, expect, it } from 'vitest';
import { paperSizeFromName } from '../../shared/domain';

describe('paper names as spoolers and drivers spell them', () => {
  it.each([
    ['A4', 'A4'],
    ['a3', 'A3'],
    ['Letter', 'Letter'],
    ['Legal (8.5 x 14 in)', 'Legal'],
    ['4 x 6', 'Label-4x6'],
    ['4"x6"', 'Label-4x6'],
    ['100 x 150 mm', 'Label-4x6'],
    ['w288h432', 'Label-4x6'],
    ['4x6 label roll', 'Label-4x6'],
  ])('reads "%s" as %s', (name, size) => {
    expect(paperSizeFromName(name)).toBe(size);
  });

  it('knows no size for a form it cannot place', () => {
    expect(paperSizeFromName('Envelope #10')).toBeUndefined();
    expect(paperSizeFromName('B5')).toBeUndefined();
  });
});
