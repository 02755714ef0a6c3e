import { describe, expect, it } from 'vitest';
import { MediaName, mediaFits, parseMediaName, PrintingOptions } from '../../shared/domain';

describe('media names: short names and PWG 5101.1 self-describing names', () => {
  it.each([
    ['A4', 210, 297],
    ['Letter', 215.9, 279.4],
    ['Label-4x6', 101.6, 152.4],
    ['oe_4x6-label_4x6in', 101.6, 152.4],
    ['om_62x100mm_62x100mm', 62, 100],
    ['iso_a4_210x297mm', 210, 297],
    ['na_index-4x6_4x6in', 101.6, 152.4],
    ['om_small-photo_100x150mm', 100, 150],
  ])('%s is %s x %s mm', (name, w, h) => {
    expect(parseMediaName(name)).toEqual({ name, widthMm: w, heightMm: h });
  });

  it.each([
    ['roll_max_62x1000mm', 62],
    ['oe_62mm-roll_62x1000mm', 62],
    ['om_continuous-62mm_62x0mm', 62],
    ['roll_max_4x300in', 101.6],
  ])('%s is a continuous roll %s mm wide (no length)', (name, w) => {
    expect(parseMediaName(name)).toEqual({ name, widthMm: w, heightMm: null });
  });

  it.each(['B5', '', 'om_62x100mm', 'oe_4x6-label_4x6cm', 'OE 4x6', 'om_x_axbmm', 'om_62x100mm_0x100mm'])(
    '"%s" is not a media name',
    (name) => {
      expect(parseMediaName(name)).toBeUndefined();
    },
  );

  it('an order may ask for a PWG name; a made-up name is refused with the rule in the message', () => {
    expect(PrintingOptions.parse({ paperSize: 'om_62x100mm_62x100mm' }).paperSize).toBe('om_62x100mm_62x100mm');
    expect(PrintingOptions.parse({}).paperSize).toBe('A4');
    const bad = MediaName.safeParse('B5');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/PWG 5101.1/);
  });

  it('a label fits the same size under another name, or a roll of its width; a roll order needs a roll', () => {
    expect(mediaFits('om_62x100mm_62x100mm', ['om_62x100mm_62x100mm'])).toBe(true);
    expect(mediaFits('om_62x100mm_62x100mm', ['roll_max_62x1000mm'])).toBe(true);
    expect(mediaFits('om_62x100mm_62x100mm', ['roll_max_29x1000mm'])).toBe(false);
    expect(mediaFits('Label-4x6', ['oe_4x6-label_4x6in'])).toBe(true);
    expect(mediaFits('oe_4x6-label_4x6in', ['Label-4x6'])).toBe(true);
    expect(mediaFits('Label-4x6', ['roll_max_4x300in'])).toBe(true);
    expect(mediaFits('oe_62mm-roll_62x1000mm', ['om_62x100mm_62x100mm'])).toBe(false);
    expect(mediaFits('oe_62mm-roll_62x1000mm', ['roll_max_62x1000mm'])).toBe(true);
    expect(mediaFits('A4', ['A4', 'Letter'])).toBe(true);
    expect(mediaFits('A3', ['A4'])).toBe(false);
  });
});

describe('drivers read PWG names of our sheet sizes through paperSizeFromName', () => {
  it.each([
    ['iso_a5_148x210mm', 'A5'],
    ['na_letter_8.5x11in', 'Letter'],
    ['oe_4x6-label_4x6in', 'Label-4x6'],
    ['om_62x100mm_62x100mm', undefined],
    ['roll_max_4x300in', undefined],
  ])('%s -> %s', async (name, size) => {
    const { paperSizeFromName } = await import('../../shared/domain');
    expect(paperSizeFromName(name)).toBe(size);
  });
});
