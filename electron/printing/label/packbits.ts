/**
 * PackBits (Apple/TIFF run-length coding), the compression Brother QL raster lines use after `M 0x02`:
 * a header byte 0..127 is followed by that many + 1 literal bytes; a header 0x81..0xFF (-127..-1) repeats the next
 * byte 1 - header times; 0x80 is never written.
 */

export function packBits(input: Uint8Array): Uint8Array {
  const out: number[] = [];
  let literalStart = -1;
  const flushLiteral = (end: number) => {
    for (let start = literalStart; start >= 0 && start < end; start += 128) {
      const n = Math.min(128, end - start);
      out.push(n - 1);
      for (let i = start; i < start + n; i++) out.push(input[i]!);
    }
    literalStart = -1;
  };
  let i = 0;
  while (i < input.length) {
    let run = 1;
    while (i + run < input.length && run < 128 && input[i + run] === input[i]) run++;
    // A run of two in the middle of literals costs more as its own header than inside the literal.
    if (run >= 3 || (run === 2 && literalStart < 0)) {
      flushLiteral(i);
      out.push((257 - run) & 0xff, input[i]!);
      i += run;
    } else {
      if (literalStart < 0) literalStart = i;
      i += run;
    }
  }
  flushLiteral(input.length);
  return Uint8Array.from(out);
}

/** The inverse, for tests and for reading back what was sent. Throws on a run that runs past the data. */
export function unpackBits(input: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < input.length) {
    const header = input[i++]!;
    if (header < 128) {
      if (i + header + 1 > input.length) throw new Error('PackBits literal runs past the end of the data.');
      for (let k = 0; k <= header; k++) out.push(input[i++]!);
    } else if (header > 128) {
      if (i >= input.length) throw new Error('PackBits repeat has no byte to repeat.');
      const value = input[i++]!;
      for (let k = 0; k < 257 - header; k++) out.push(value);
    }
  }
  return Uint8Array.from(out);
}
