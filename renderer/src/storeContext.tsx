/** Hands the one store to components; they select what they show and call its actions. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Actions, State, Store } from './store';

const StoreContext = createContext<Store | null>(null);

export function StoreProvider({ store, children }: { store: Store; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useStation<T>(select: (s: State & Actions) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStation outside StoreProvider');
  return useStore(store, select);
}
