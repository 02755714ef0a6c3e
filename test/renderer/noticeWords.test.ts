/**
 * The notices' words come from one pure module (renderer/src/i18n/noticeWords), so the desktop shell's main process
 * can say them in the operator's language without loading React or the console's language store.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { notificationFor } from '../../shared/notificationRules';
import type { StationEvent } from '../../shared/stationApi';
import { noticeWordsIn } from '../../renderer/src/i18n/noticeWords';
import { noticeWordsIn as fromPrinterWords } from '../../renderer/src/i18n/printerWords';

const ROOT = path.resolve(__dirname, '../..');
const jam = { kind: 'printer_error', printerId: 'p1', printerName: 'Counter', message: 'media-jam' } as unknown as StationEvent;
const ready = { kind: 'ready_for_retrieval', printerId: 'p1', printerName: 'Counter', orderId: '1042' } as unknown as StationEvent;

/** Every module `file` reaches through relative imports, and every package it names. */
function importGraph(file: string, seen = new Set<string>(), packages = new Set<string>()) {
  if (seen.has(file)) return { seen, packages };
  seen.add(file);
  const source = readFileSync(file, 'utf8');
  for (const [, spec] of source.matchAll(/(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\s+'([^']+)'/g)) {
    if (!spec) continue;
    if (!spec.startsWith('.')) {
      packages.add(spec);
      continue;
    }
    const base = path.resolve(path.dirname(file), spec);
    const next = ['.ts', '.tsx', '/index.ts']
      .map((ext) => base + ext)
      .find((f) => {
        try {
          readFileSync(f);
          return true;
        } catch {
          return false;
        }
      });
    if (next) importGraph(next, seen, packages);
    else packages.add(spec); // a css file, say
  }
  return { seen, packages };
}

describe('the notices’ words, pure', () => {
  it('in German give German titles and bodies', () => {
    const de = noticeWordsIn('de');
    expect(notificationFor(jam, de)?.title).toBe('Counter: Papierstau');
    expect(notificationFor(ready, de)?.title).toBe('Counter: bereit zur Entnahme');
    expect(notificationFor(ready, de)?.body).toContain('Auftrag 1042 ist gedruckt');
    expect(notificationFor(ready, noticeWordsIn('en'))).toEqual(notificationFor(ready));
  });

  it('are the same words the console’s printerWords offers', () => {
    expect(notificationFor(jam, fromPrinterWords('de'))).toEqual(notificationFor(jam, noticeWordsIn('de')));
  });

  it('load neither React nor the console’s language store (the main process imports them)', () => {
    const { seen, packages } = importGraph(path.join(ROOT, 'renderer/src/i18n/noticeWords.ts'));
    const files = [...seen].map((f) => path.relative(ROOT, f));
    expect(files).not.toContain('renderer/src/i18n/locale.tsx');
    expect(files.filter((f) => f.endsWith('.tsx'))).toEqual([]);
    expect([...packages].filter((p) => p === 'react' || p.startsWith('react/') || p === 'zustand')).toEqual([]);
    expect(files.every((f) => f.startsWith('renderer/src/i18n/') || f.startsWith('shared/'))).toBe(true);
  });
});
