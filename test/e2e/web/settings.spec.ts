// The Settings page against the built headless host: changes are saved to the settings file and
// survive a reload, and a value the host refuses shows the host's message under its field.
import { expect, test } from './fixtures';

test('timezone and budget changes are kept across a reload, and invalid values show the message inline', async ({
  board: page,
}) => {
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page).toHaveURL(/#\/settings$/);
  const general = page.getByTestId('settings-general');
  const budgets = page.getByTestId('settings-budgets');
  await expect(general.getByLabel('Display timezone')).toHaveValue('America/Denver');

  await general.getByLabel('Display timezone').selectOption('Europe/Berlin');
  await general.getByRole('button', { name: 'Save' }).click();
  await expect(general.getByRole('status')).toHaveText('Saved');

  await budgets.getByLabel('Daily limit (USD)').fill('12.5');
  await budgets.getByRole('button', { name: 'Save' }).click();
  await expect(budgets.getByRole('status')).toHaveText('Saved');

  await page.reload();
  await expect(general.getByLabel('Display timezone')).toHaveValue('Europe/Berlin');
  await expect(budgets.getByLabel('Daily limit (USD)')).toHaveValue('12.5');
  await expect(budgets.getByLabel('Monthly limit (USD)')).toHaveValue('');

  // Refused by the host: each message appears under its own field, and nothing is saved.
  await budgets.getByLabel('Monthly limit (USD)').fill('-5');
  await budgets.getByRole('button', { name: 'Save' }).click();
  await expect(budgets.getByTestId('error-budgets.monthlyUsd')).toHaveText(
    'must be more than $0 (leave it empty for no limit)',
  );
  await expect(budgets.getByRole('status')).toHaveCount(0);

  await general.getByLabel('Display timezone').selectOption('other');
  await general.getByTestId('other-timezone').fill('Mars/Olympus_Mons');
  await general.getByRole('button', { name: 'Save' }).click();
  await expect(general.getByTestId('error-displayTimezone')).toHaveText(
    'is not an IANA time zone such as America/Denver',
  );

  await page.reload();
  await expect(general.getByLabel('Display timezone')).toHaveValue('Europe/Berlin');
  await expect(budgets.getByLabel('Monthly limit (USD)')).toHaveValue('');

  // The secrets the providers need are listed with where their value comes from, never the value.
  await expect(page.getByTestId('secret-anthropic_api_key')).toContainText(
    /stored in keychain|from environment|missing/,
  );

  await page.getByRole('link', { name: 'Board', exact: true }).click();
  await expect(page.getByRole('button', { name: 'New task' })).toBeVisible();
});
