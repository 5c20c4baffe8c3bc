// settings.get and settings.update: the patch is validated by the settings store, which names each
// bad field; a saved change is pushed to every window as settings:updated.
import { AppError } from '../../lib/errors';
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
      assertBudgetsAgree(deps.settings.get(), input);
      // The store merges the partial sections (quietHours, notifications, budgets) before validating.
      const saved = deps.settings.update(input as Partial<SettingsValues>);
      deps.settingsChanged(saved);
      return saved;
    },
  };
}

/**
 * A daily limit above the monthly one could never be reached, so it is refused. Checked here rather
 * than in the schema so a settings file written before this rule still loads.
 */
function assertBudgetsAgree(current: SettingsValues, patch: ParsedInput<'settings.update'>): void {
  const given = patch.budgets;
  if (given === undefined || given === null || typeof given !== 'object') return;
  const daily = 'dailyUsd' in given ? given.dailyUsd : current.budgets.dailyUsd;
  const monthly = 'monthlyUsd' in given ? given.monthlyUsd : current.budgets.monthlyUsd;
  // A limit that is itself invalid is left to the schema, whose message names what is wrong with it.
  if (typeof daily !== 'number' || typeof monthly !== 'number' || monthly <= 0 || daily <= monthly) return;
  const money = (n: number) => `$${n.toFixed(2).replace(/\.00$/, '')}`;
  const message = `must not be more than the monthly limit (${money(daily)} a day is above ${money(monthly)} a month)`;
  throw new AppError('validation_failed', `Invalid settings: budgets.dailyUsd: ${message}`, {
    issues: [{ path: 'budgets.dailyUsd', message }],
  });
}
