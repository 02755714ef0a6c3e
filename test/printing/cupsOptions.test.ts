/** Order options as IPP job attributes, and a CUPS queue's attributes as capabilities (pure; no cupsd needed). */
import { describe, expect, it } from 'vitest';
import { capabilitiesOfPrinter, ippJobAttributes, paperSizeOfMedia, printingOptionsOfJob } from '../../electron/printing/cupsOptions';

describe('order options sent to CUPS', () => {
  it('an A4 black-and-white single-sided order', () => {
    expect(ippJobAttributes({ paperSize: 'A4', color: false, duplex: false, copies: 1 })).toEqual({
      media: 'iso_a4_210x297mm',
      sides: 'one-sided',
      'print-color-mode': 'monochrome',
      copies: 1,
    });
  });

  it('a colour duplex Letter order with copies', () => {
    expect(ippJobAttributes({ paperSize: 'Letter', color: true, duplex: true, copies: 3 })).toEqual({
      media: 'na_letter_8.5x11in',
      sides: 'two-sided-long-edge',
      'print-color-mode': 'color',
      copies: 3,
    });
  });

  it("uses the queue's own name for a size when it lists one (CUPS-PDF's rounded A5)", () => {
    const media = ['iso_a4_210x297mm', 'custom_148.52x209.9mm_148.52x209.9mm'];
    expect(ippJobAttributes({ paperSize: 'A5', color: false, duplex: false, copies: 1 }, media).media).toBe(
      'custom_148.52x209.9mm_148.52x209.9mm',
    );
  });
});

describe('media names CUPS uses', () => {
  it.each([
    ['iso_a3_297x420mm', 'A3'],
    ['iso_a4_210x297mm', 'A4'],
    ['custom_148.52x209.9mm_148.52x209.9mm', 'A5'],
    ['iso_a6_105x148mm', 'A6'],
    ['na_letter_8.5x11in', 'Letter'],
    ['na_legal_8.5x14in', 'Legal'],
    ['oe_4x6-label_4x6in', 'Label-4x6'],
    ['na_index-4x6_4x6in', 'Label-4x6'],
    ['custom_6x4in_6x4in', 'Label-4x6'],
    ['A4', 'A4'],
    ['Letter', 'Letter'],
    ['na_ledger_11x17in', undefined],
    ['iso_a2_420x594mm', undefined],
  ])('%s is %s', (keyword, size) => {
    expect(paperSizeOfMedia(keyword)).toBe(size);
  });
});

describe('a CUPS queue read as capabilities', () => {
  it('a colour duplex office printer', () => {
    expect(
      capabilitiesOfPrinter({
        'media-supported': ['iso_a4_210x297mm', 'na_letter_8.5x11in', 'iso_a5_148x210mm', 'na_ledger_11x17in'],
        'color-supported': true,
        'sides-supported': ['one-sided', 'two-sided-long-edge', 'two-sided-short-edge'],
        'copies-supported': [1, 999],
      }),
    ).toEqual({ paperSizes: ['A4', 'A5', 'Letter'], color: true, duplex: true, maxCopies: 999 });
  });

  it('a monochrome label printer that prints one copy per job', () => {
    expect(
      capabilitiesOfPrinter({ 'media-supported': 'oe_4x6-label_4x6in', 'color-supported': false, 'sides-supported': 'one-sided' }),
    ).toEqual({ paperSizes: ['Label-4x6'], color: false, duplex: false, maxCopies: 1 });
  });

  it('a queue listing none of our sizes still gets A4, for the operator to correct', () => {
    expect(capabilitiesOfPrinter({}).paperSizes).toEqual(['A4']);
  });
});

describe('options read back from a CUPS job', () => {
  it('as CUPS recorded them', () => {
    expect(printingOptionsOfJob({ media: 'iso_a5_148x210mm', sides: 'one-sided', 'print-color-mode': 'monochrome', copies: 2 })).toEqual({
      paperSize: 'A5',
      duplex: false,
      color: false,
      copies: 2,
    });
    expect(printingOptionsOfJob({ sides: 'two-sided-short-edge' })).toEqual({ duplex: true });
  });
});
