// Light or dark: follows the OS (prefers-color-scheme) until the user picks one with the toggle;
// the pick is kept in localStorage and set as data-theme on <html>, which the CSS variables read.
import { useCallback, useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';
const STORAGE_KEY = 'ridgeline.theme';
const darkQuery = () => window.matchMedia('(prefers-color-scheme: dark)');

function storedTheme(): Theme | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null;
  }
}

/** Applies the kept pick before the first render, so a dark-theme user never sees a light flash. */
export function applyStoredTheme(): void {
  const theme = storedTheme();
  if (theme) document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}

const listeners = new Set<() => void>();

function subscribe(changed: () => void): () => void {
  listeners.add(changed);
  const query = darkQuery();
  query.addEventListener('change', changed);
  return () => {
    listeners.delete(changed);
    query.removeEventListener('change', changed);
  };
}

function currentTheme(): Theme {
  return storedTheme() ?? (darkQuery().matches ? 'dark' : 'light');
}

export function useTheme(): [Theme, () => void] {
  const theme = useSyncExternalStore(subscribe, currentTheme);
  const toggle = useCallback(() => {
    const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Storage can be off (private windows); the pick then lasts until the page is reloaded.
    }
    document.documentElement.dataset.theme = next;
    listeners.forEach((l) => l());
  }, []);
  return [theme, toggle];
}
