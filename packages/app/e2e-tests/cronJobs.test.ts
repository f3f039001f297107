import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

test('an owner suspends a CronJob, sees its next runs while editing the schedule, and resumes it', async ({
  page,
}) => {
  await signInAs(
    page,
    'guest',
    '/catalog/default/component/ledger-worker/workloads',
  );
  // The CronJob's row in the Workloads table: the one with its suspend control.
  // The first such row is the Workloads table's (the CronJobs tab below has one too).
  const row = page
    .getByRole('row')
    .filter({ has: page.getByText('ledger-reconcile', { exact: true }) })
    .filter({
      has: page.getByRole('button', {
        name: /^(Suspend|Resume) ledger-reconcile$/,
      }),
    })
    .first();
  await expect(row).toBeVisible();
  // A run that stopped half-way may have left it suspended: start from running.
  const resume = row.getByRole('button', { name: 'Resume ledger-reconcile' });
  if (await resume.isVisible()) {
    await resume.click();
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await expect(
      row.getByRole('button', { name: 'Suspend ledger-reconcile' }),
    ).toBeVisible();
  }

  await row.getByRole('button', { name: 'Suspend ledger-reconcile' }).click();
  await page.getByRole('button', { name: 'Suspend', exact: true }).click();
  await expect(
    page.getByText('Suspended CronJob bank-core/ledger-reconcile'),
  ).toBeVisible();
  await expect(
    row.getByRole('button', { name: 'Resume ledger-reconcile' }),
  ).toBeVisible();

  // The CronJobs tab of the Resources section says so, in place of next runs.
  await page.getByRole('tab', { name: /^CronJobs \(\d+\)$/ }).click();
  const panel = page.getByRole('tabpanel');
  const cronRow = panel
    .getByRole('row')
    .filter({ hasText: 'ledger-reconcile' })
    .first();
  await expect(cronRow).toContainText('suspended');

  // The schedule editor: next runs follow the typed expression; a bad one is explained.
  await cronRow
    .getByRole('button', { name: 'Edit schedule of ledger-reconcile' })
    .click();
  const dialog = page.getByRole('dialog');
  const schedule = dialog.getByLabel('Schedule', { exact: true });
  await schedule.fill('0 3 * * 1');
  await expect(dialog.getByText('At 03:00, on Monday')).toBeVisible();
  await expect(
    dialog.getByRole('list', { name: 'Next runs' }).getByRole('listitem'),
  ).toHaveCount(5);
  await schedule.fill('61 * * * *');
  await expect(dialog.getByRole('alert')).toContainText('minute');
  await expect(
    dialog.getByRole('button', { name: 'Save schedule' }),
  ).toBeDisabled();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Resume it again, as it was.
  await row.getByRole('button', { name: 'Resume ledger-reconcile' }).click();
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(
    page.getByText('Resumed CronJob bank-core/ledger-reconcile'),
  ).toBeVisible();
  await expect(
    row.getByRole('button', { name: 'Suspend ledger-reconcile' }),
  ).toBeVisible();
  await expect(cronRow).not.toContainText('suspended');
});
