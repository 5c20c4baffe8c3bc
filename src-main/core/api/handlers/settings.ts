// settings.get and settings.update: the patch is validated by the settings store, which names each
// bad field; a saved change is pushed to every window as settings:updated.
import type { ParsedInput } from '../contract';
import type { Settings, SettingsValues } from '../../ports';

export interface SettingsHandlerDeps {
  settings: Settings;
  /** Told after every saved change: pushes it and lets the scheduler and the queue re-read it. */
  settingsChanged(settings: SettingsValues): void;
}

export function createSettingsHandlers(deps: SettingsHandlerDeps) {
  return {
    'settings.get': async (): Promise<SettingsValues> => deps.settings.get(),
    'settings.update': async (input: ParsedInput<'settings.update'>): Promise<SettingsValues> => {
      // The store merges the partial sections (quietHours, notifications, budgets) before validating.
      const saved = deps.settings.update(input as Partial<SettingsValues>);
      deps.settingsChanged(saved);
      return saved;
    },
  };
}
