/**
 * The message catalogue's machinery, pure: a catalogue maps a key to a text with {name} holes, or to plural forms
 * chosen by Intl.PluralRules for the `count` parameter. English (en.ts) is the source of keys; every other language
 * must have the same keys in the same shape (CatalogueOf), so a missing German text is a type error.
 */

/** Plural forms by Intl.PluralRules category; `other` is always there, `one` and the rest when the language has them. */
export interface PluralForms {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

export type Message = string | PluralForms;

/** Another language's catalogue for the source catalogue S: the same keys, a plural where S has a plural. */
export type CatalogueOf<S> = { [K in keyof S]: S[K] extends string ? string : PluralForms };

/** The {name} holes of a text, as a union of names. */
type Holes<T> = T extends `${string}{${infer Name}}${infer Rest}` ? Name | Holes<Rest> : never;
type HolesOf<M> = M extends string ? Holes<M> : M extends PluralForms ? Holes<M[keyof M]> | 'count' : never;

export type ParamValue = string | number | Date;
/** The parameters a message of catalogue S needs: one per {name} hole (and `count` for plurals). */
export type ParamsOf<S, K extends keyof S> = [HolesOf<S[K]>] extends [never] ? Record<string, never> : Record<HolesOf<S[K]>, ParamValue>;

export interface Formatters {
  number(n: number): string;
  date(d: Date): string;
}

/** Fills {name} holes; a hole with no value stays visible as {name}, so a forgotten parameter shows in review. */
export function interpolate(text: string, params: Record<string, ParamValue> | undefined, format: Formatters): string {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (hole, name: string) => {
    const value = params[name];
    if (value === undefined) return hole;
    if (typeof value === 'number') return format.number(value);
    if (value instanceof Date) return format.date(value);
    return value;
  });
}

/** The text for `count` from plural forms, by the locale's plural rules (German and English: one / other). */
export function pluralText(forms: PluralForms, count: number, locale: string): string {
  const category = new Intl.PluralRules(locale).select(count) as keyof PluralForms;
  if (count === 0 && forms.zero !== undefined) return forms.zero;
  return forms[category] ?? forms.other;
}

/**
 * The message for `key` in the wanted catalogue, else in the fallback (source) catalogue, else the key itself: a
 * screen shows English rather than nothing while a translation is missing at run time.
 */
export function translate(
  catalogue: Partial<Record<string, Message>>,
  fallback: Partial<Record<string, Message>>,
  locale: string,
  key: string,
  params: Record<string, ParamValue> | undefined,
  format: Formatters,
): string {
  const message = catalogue[key] ?? fallback[key];
  if (message === undefined) return key;
  const text = typeof message === 'string' ? message : pluralText(message, Number(params?.count ?? 0), locale);
  return interpolate(text, params, format);
}
