/**
 * The operator's language: picked in the console (kept in localStorage), else the browser's (navigator.language),
 * else English. `t` and `fmt` read the current one; LocaleProvider re-renders the whole console when it changes, so
 * plain functions (printRoom's labels, a row's time) follow without each component subscribing.
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { LOCALES, localeOf, translateIn, type ParamsArg } from './catalogue';
import type { MessageKey } from './en';
import { localeFormat, type Locale, type LocaleFormat } from './format';

// The catalogue itself is pure (catalogue.ts: the shell's main process reads it too); the console's callers import it from here.
export { LOCALE_NAME, LOCALES, localeOf, perLocale, sayIn, translateIn, type ParamsArg, type PlainKey } from './catalogue';
const LOCALE_KEY = 'printStation.locale';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface LocaleStore {
  get(): Locale;
  /** The language and the pick together, one object per change (for useSyncExternalStore). */
  state(): { locale: Locale; picked: Locale | undefined };
  /** The operator's pick, or undefined while the browser's language decides. */
  picked(): Locale | undefined;
  /** Pick a language; undefined goes back to the browser's. */
  set(locale: Locale | undefined): void;
  subscribe(listener: () => void): () => void;
}

export function createLocaleStore(storage: Storage | undefined, browserLanguage: string | undefined): LocaleStore {
  const stored = (): Locale | undefined => {
    const value = storage?.getItem(LOCALE_KEY);
    return value && (LOCALES as readonly string[]).includes(value) ? (value as Locale) : undefined;
  };
  let state = { locale: stored() ?? localeOf(browserLanguage), picked: stored() };
  const listeners = new Set<() => void>();
  return {
    get: () => state.locale,
    state: () => state,
    picked: () => state.picked,
    set(locale) {
      if (locale) storage?.setItem(LOCALE_KEY, locale);
      else storage?.removeItem(LOCALE_KEY);
      state = { locale: locale ?? localeOf(browserLanguage), picked: locale };
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

const browser = typeof window !== 'undefined' ? window : undefined;
/** The console's one language store (in a page: localStorage and navigator; in a unit test: English, not kept). */
export const localeStore = createLocaleStore(browser?.localStorage, browser?.navigator.language);

/** A message in the operator's current language. */
export function t<K extends MessageKey>(key: K, ...params: ParamsArg<K>): string {
  return translateIn(localeStore.get(), key, ...params);
}

/** Numbers, dates and durations in the operator's current language. */
export function fmt(): LocaleFormat {
  return localeFormat(localeStore.get(), browser?.navigator.language);
}

const LocaleContext = createContext<LocaleStore>(localeStore);

function useLocaleStore(): LocaleStore {
  return useContext(LocaleContext);
}

/** The current language and the means to change it; re-renders the caller when it changes. */
export function useLocale() {
  const store = useLocaleStore();
  const { locale, picked } = useSyncExternalStore(store.subscribe, store.state);
  return { locale, picked, setLocale: store.set, format: localeFormat(locale, browser?.navigator.language) };
}

/**
 * Wraps the console: when the language changes, everything under it is drawn again in the new one (keyed on the
 * language, so memoised rows re-render too). Sets <html lang> for screen readers.
 */
export function LocaleProvider({ children, store = localeStore }: { children: ReactNode; store?: LocaleStore }) {
  const locale = useSyncExternalStore(store.subscribe, store.get);
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  return (
    <LocaleContext.Provider value={store}>
      <LocaleKeyed key={locale}>{children}</LocaleKeyed>
    </LocaleContext.Provider>
  );
}

function LocaleKeyed({ children }: { children: ReactNode }) {
  return <>{children}</>;
}
