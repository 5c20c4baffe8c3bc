// Spending limits for LLM calls across all tasks: a warning at 80%, runs halt at 100%.
import { useState } from 'react';
import { Field } from '../../components/field';
import { SettingsSection } from './section';
import { useSaveSettings, type SettingsValues } from './use-settings';

/** An empty box means no limit; anything else goes to the host as a number for it to judge. */
function amount(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

export function BudgetsSection({ settings }: { settings: SettingsValues }) {
  const state = useSaveSettings();
  const [daily, setDaily] = useState(settings.budgets.dailyUsd?.toString() ?? '');
  const [monthly, setMonthly] = useState(settings.budgets.monthlyUsd?.toString() ?? '');

  return (
    <SettingsSection
      id="budgets"
      title="Budgets"
      description="Leave a box empty for no limit. Ridgeline warns at 80% and halts runs at 100%."
      state={state}
      fieldPaths={['budgets']}
      onSave={() => void state.save({ budgets: { dailyUsd: amount(daily), monthlyUsd: amount(monthly) } })}
    >
      <div className="settings-row">
        <Field name="budgets.dailyUsd" label="Daily limit (USD)" error={state.errorFor('budgets.dailyUsd')}>
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="decimal"
              step="0.01"
              value={daily}
              onChange={(e) => setDaily(e.target.value)}
            />
          )}
        </Field>
        <Field name="budgets.monthlyUsd" label="Monthly limit (USD)" error={state.errorFor('budgets.monthlyUsd')}>
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="decimal"
              step="0.01"
              value={monthly}
              onChange={(e) => setMonthly(e.target.value)}
            />
          )}
        </Field>
      </div>
    </SettingsSection>
  );
}
