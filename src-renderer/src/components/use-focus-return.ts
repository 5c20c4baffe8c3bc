// Focus goes back where it was when a dialog closes: the element focused when the dialog opened, or,
// when that element left the page meanwhile (a virtualized card scrolled away), `fallback()`.
import { useLayoutEffect } from 'react';

export function useFocusReturn(fallback?: () => HTMLElement | null): void {
  useLayoutEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => {
      // After the dialog's own close, which may move focus itself.
      queueMicrotask(() => {
        const target = before?.isConnected ? before : (fallback?.() ?? null);
        target?.focus();
      });
    };
    // The element to return to is the one focused when the dialog opened, once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
}
