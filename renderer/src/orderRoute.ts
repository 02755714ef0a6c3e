/**
 * An order's panel has an address (issue 11): #/orders/<id>. Opening that URL opens the queue with the panel;
 * opening or closing a panel writes the address, so the operator can copy a link to an order and share it.
 */
import { useEffect, useRef } from 'react';
import { useStation } from './storeContext';

const ORDER_ROUTE = /^#\/orders\/(.+)$/;

/** The order id in a location hash, or null. */
export function orderIdInHash(hash: string): string | null {
  const match = ORDER_ROUTE.exec(hash);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

export const orderHash = (orderId: string) => `#/orders/${encodeURIComponent(orderId)}`;

export function useOrderRoute(): void {
  const screen = useStation((s) => s.screen);
  const selected = useStation((s) => s.selectedOrderId);
  const setScreen = useStation((s) => s.setScreen);
  const openOrder = useStation((s) => s.openOrder);
  const linkUp = useStation((s) => s.link === 'up');
  const latest = useRef({ screen, selected, setScreen, openOrder });
  latest.current = { screen, selected, setScreen, openOrder };

  // The address opens the panel: once the station answers, and whenever it changes (a pasted link, back/forward).
  useEffect(() => {
    if (!linkUp) return;
    const follow = () => {
      const orderId = orderIdInHash(window.location.hash);
      if (!orderId) return;
      const now = latest.current;
      if (now.screen !== 'queue') now.setScreen('queue');
      if (now.selected !== orderId) void now.openOrder(orderId);
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, [linkUp]);

  // The panel writes the address (replaced, not pushed: opening ten orders is not ten steps back); closing it
  // clears the address it wrote.
  const shown = selected && screen === 'queue' ? selected : null;
  const wasShown = useRef<string | null>(null);
  useEffect(() => {
    const current = window.location.hash;
    if (shown && current !== orderHash(shown)) window.history.replaceState(null, '', orderHash(shown));
    else if (!shown && wasShown.current && orderIdInHash(current) === wasShown.current) {
      window.history.replaceState(null, '', window.location.pathname + window.location.search);
    }
    wasShown.current = shown;
  }, [shown]);
}
