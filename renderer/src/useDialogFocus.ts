/**
 * A modal dialog's keyboard manners (WCAG 2.1: 2.1.2, 2.4.3): focus moves into the dialog when it opens, Tab and
 * Shift+Tab stay inside it, Escape anywhere in it closes it, and focus goes back to what had it (the button that
 * opened the dialog) when it closes.
 */
import { useEffect, useRef, type RefObject } from 'react';

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export function useDialogFocus<T extends HTMLElement>(onClose: () => void): RefObject<T | null> {
  const ref = useRef<T>(null);
  const close = useRef(onClose);
  close.current = onClose;
  // Read while rendering: by the time effects run, an autoFocus field inside has taken focus.
  const opener = useRef(document.activeElement instanceof HTMLElement ? document.activeElement : null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const returnTo = opener.current;
    const focusables = () =>
      [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
    // An autoFocus field inside has focus already; otherwise the first thing to fill in or press.
    if (!dialog.contains(document.activeElement)) (focusables()[0] ?? dialog).focus();

    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        close.current();
        return;
      }
      if (event.key !== 'Tab') return;
      const all = focusables();
      if (all.length === 0) {
        event.preventDefault();
        return;
      }
      const first = all[0]!;
      const last = all[all.length - 1]!;
      const active = document.activeElement;
      if (event.shiftKey && (active === first || !dialog.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
        event.preventDefault();
        first.focus();
      }
    };
    // On the document: Escape works even when focus slipped to the backdrop.
    document.addEventListener('keydown', onKey, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      if (returnTo && returnTo.isConnected) returnTo.focus();
    };
  }, []);
  return ref;
}
