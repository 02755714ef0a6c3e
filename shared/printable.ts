/**
 * Text that came from outside (order ids, operator names, printer names, error messages) as a log line or the UI may
 * show it: control characters, ANSI escapes, line separators and bidi overrides are written out as visible escapes
 * (`\n`, `\x1b`, `\u202e`), so one value cannot forge a log line, repaint a terminal or read backwards on screen.
 * Ordinary text, accents and emoji included, is left as it is.
 */

// C0 controls, DEL, C1 controls; zero-width/bidi marks and embeddings, line/paragraph separators, isolates, BOM.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function printable(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const named = NAMED[c];
    if (named) return named;
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Every string inside a JSON-like value through printable (object keys stay as they are). */
export function printableDeep<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(printableDeep) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, printableDeep(v)])) as T;
  }
  return value;
}
