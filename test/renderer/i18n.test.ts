/**
 * The console's message catalogue: German has every English key in the same shape (checked by the type and here at
 * run time), {name} holes are filled with numbers and dates in the locale's manner, plurals follow the locale's
 * rules, a missing text falls back to English, and the operator's pick is kept.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { de } from '../../renderer/src/i18n/de';
import { en } from '../../renderer/src/i18n/en';
import { localeFormat } from '../../renderer/src/i18n/format';
import { createLocaleStore, localeOf, translateIn } from '../../renderer/src/i18n/locale';
import { interpolate, translate, type CatalogueOf } from '../../renderer/src/i18n/messages';
import { memoryStorage } from '../helpers/memoryStorage';

const plain = { number: (n: number) => String(n), date: (d: Date) => d.toISOString() };

describe('the German catalogue is complete', () => {
  it('has every English key, in the same shape (text or plural forms), and no other', () => {
    expectTypeOf(de).toExtend<CatalogueOf<typeof en>>();
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(typeof de[key], key).toBe(typeof en[key]);
      expect(String(de[key]).trim(), key).not.toBe('');
    }
  });

  it('keeps each text’s {holes}, so a parameter is never lost in translation', () => {
    const holes = (m: unknown) => [...JSON.stringify(m).matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(new Set(holes(de[key])), key).toEqual(new Set(holes(en[key])));
    }
  });

  it('a catalogue missing a key does not type-check', () => {
    const { 'queue.title': _dropped, ...partial } = de;
    // @ts-expect-error 'queue.title' is missing
    const incomplete: CatalogueOf<typeof en> = partial;
    expect(incomplete).toBeDefined();
  });
});

describe('t(key, params)', () => {
  it('fills {name} holes, and leaves a hole with no value visible', () => {
    expect(interpolate('Reprint order {orderId}?', { orderId: '1042' }, plain)).toBe('Reprint order 1042?');
    expect(interpolate('{code} at {time}', { code: 'x' }, plain)).toBe('x at {time}');
  });

  it('writes numbers in the locale’s manner', () => {
    expect(translateIn('en', 'printers.pending', { count: 12345 })).toBe('12,345 pending');
    expect(translateIn('de', 'printers.pending', { count: 12345 })).toBe('12.345 wartend');
  });

  it('picks the plural form by the locale’s rules', () => {
    expect(translateIn('en', 'queue.total', { count: 1 })).toBe('1 order');
    expect(translateIn('en', 'queue.total', { count: 0 })).toBe('0 orders');
    expect(translateIn('de', 'queue.total', { count: 1 })).toBe('1 Auftrag');
    expect(translateIn('de', 'queue.total', { count: 2500 })).toBe('2.500 Aufträge');
  });

  it('falls back to English for a text missing at run time, and to the key when English has none', () => {
    expect(translate({}, en, 'de', 'queue.title', undefined, plain)).toBe('Queue');
    expect(translate({}, {}, 'de', 'no.such.key', undefined, plain)).toBe('no.such.key');
  });

  it('asks for exactly the parameters a text has (type level)', () => {
    // @ts-expect-error queue.total needs its count
    expect(translateIn('en', 'queue.total')).toBe('{count} orders');
    // @ts-expect-error card.reprintTitle has {orderId}, not {id}
    translateIn('en', 'card.reprintTitle', { id: '1' });
    expect(translateIn('de', 'queue.title')).toBe('Warteschlange');
  });
});

describe('the operator’s language', () => {
  it('comes from the browser until the operator picks one, and the pick is kept', () => {
    const storage = memoryStorage();
    expect(localeOf('de-AT')).toBe('de');
    expect(localeOf('fr-FR')).toBe('en');
    expect(localeOf(undefined)).toBe('en');
    const store = createLocaleStore(storage, 'de-CH');
    expect(store.get()).toBe('de');
    expect(store.picked()).toBeUndefined();
    let told = 0;
    store.subscribe(() => told++);
    store.set('en');
    expect([store.get(), store.picked(), told]).toEqual(['en', 'en', 1]);
    expect(createLocaleStore(storage, 'de-CH').get()).toBe('en');
    store.set(undefined);
    expect(createLocaleStore(storage, 'de-CH').get()).toBe('de');
  });

  it('ignores a stored value that is not a language of the catalogue', () => {
    const storage = memoryStorage();
    storage.setItem('printStation.locale', 'klingon');
    expect(createLocaleStore(storage, 'en-US').get()).toBe('en');
  });
});

describe('dates, numbers and durations follow the locale', () => {
  const at = new Date(2026, 11, 2, 14, 5, 9);
  it('dates and clocks', () => {
    expect(localeFormat('de').dateTime(at)).toBe('02.12.26, 14:05:09');
    expect(localeFormat('de').date(at)).toBe('02.12.2026');
    expect(localeFormat('en').date(at)).toBe('02/12/2026');
    expect(localeFormat('de').clock(at)).toBe('14:05:09');
    expect(localeFormat('de').dateTime(null)).toBe('—');
    expect(localeFormat('de').number(1234.5)).toBe('1.234,5');
  });

  it('the browser’s own region decides when it speaks the same language', () => {
    expect(localeFormat('en', 'en-US').date(at)).toBe('12/02/2026');
    expect(localeFormat('de', 'en-US').date(at)).toBe('02.12.2026');
  });

  it('durations and "ago" in the language’s words (shared/duration with German words)', () => {
    const de = localeFormat('de');
    expect(de.duration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3 Tage 4 h');
    expect(de.ago(Date.now() - 12_000)).toMatch(/^vor 1[23] s$/);
    expect(de.ago(0, 3 * 86_400_000)).toBe('vor 3 Tagen');
    expect(de.ago(Date.now())).toBe('gerade eben');
    expect(localeFormat('en').ago(0, 86_400_000)).toBe('1 day ago');
    expect(de.relative(5 * 60_000)).toBe('in 5 Minuten');
    expect(localeFormat('en').relative(-2 * 3_600_000)).toBe('2 hours ago');
  });
});
