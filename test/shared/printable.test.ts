import { describe, expect, it } from 'vitest';
import { printable } from '../../shared/printable';

describe('printable (text from orders and operators, as logs and the UI show it)', () => {
  it('makes newlines, ANSI escapes and other control characters visible instead of acting on them', () => {
    expect(printable('A-1\n[error] forged line')).toBe('A-1\\n[error] forged line');
    expect(printable('\u001b[31mred\u001b[0m')).toBe('\\x1b[31mred\\x1b[0m');
    expect(printable('a\rb\tc\u0000d\u007fe\u0085f')).toBe('a\\rb\\tc\\x00d\\x7fe\\x85f');
  });

  it('makes bidi overrides and line separators visible (a name that reads backwards on screen)', () => {
    expect(printable('Anna\u202Egnp.exe')).toBe('Anna\\u202egnp.exe');
    expect(printable('x\u2028y\u2066z\u200F')).toBe('x\\u2028y\\u2066z\\u200f');
  });

  it('leaves ordinary text alone, accents, emoji and all', () => {
    for (const text of ['Büro 2 — Nº 7', 'A-1042', 'Ελληνικά 日本語 🙂', '']) expect(printable(text)).toBe(text);
  });
});
