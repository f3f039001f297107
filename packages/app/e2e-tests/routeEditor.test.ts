import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

test('the route editor creates an HTTPRoute: inline error for a path without a slash, preview, save, new row', async ({
  page,
}) => {
  // The guest signs in with the Guest card's 'Enter' button.
  await signInAs(
    page,
    'guest',
    '/catalog/default/component/payments-api/routes',
  );

  // The guest is in team-banking, which owns payments-api and may create its routes.
  await page.getByRole('button', { name: 'Create route' }).first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();

  await dialog.getByLabel('Name', { exact: true }).fill('e2e-route');
  await dialog
    .getByLabel('Namespace', { exact: true })
    .selectOption('bank-payments');

  await dialog.getByRole('button', { name: 'Add parent' }).click();
  const parent = dialog.getByLabel('Parent 1', { exact: true });
  // The listener's name and port come from the cluster: pick the Gateway's first listener.
  const listener = await parent
    .locator('option', { hasText: 'Gateway bank-payments-gateway · listener' })
    .first()
    .getAttribute('value');
  await parent.selectOption(listener!);

  const rule = dialog.getByRole('group', { name: 'Rule 1' });
  await rule
    .getByLabel('Path type', { exact: true })
    .selectOption('PathPrefix');
  const path = rule.getByLabel('Path value', { exact: true });
  await path.fill('api');
  await expect(path).toHaveAttribute('aria-invalid', 'true');
  await expect(path).toHaveAccessibleDescription(
    "must be an absolute path starting with '/'",
  );
  await path.fill('/e2e');
  await expect(path).not.toHaveAttribute('aria-invalid', 'true');

  await rule.getByRole('button', { name: 'Add backend' }).click();
  const backend = rule.getByRole('group', { name: 'Backend 1' });
  await backend
    .getByLabel('Service', { exact: true })
    .selectOption('payments-api');
  await backend.getByLabel('Port', { exact: true }).selectOption('8080');

  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByLabel('YAML')).toContainText('name: e2e-route');
  const save = dialog.getByRole('button', { name: 'Save' });
  await expect(save).toBeEnabled();
  await save.click();
  await expect(dialog).toBeHidden();

  await expect(
    page
      .getByRole('row')
      .filter({ has: page.getByText('e2e-route', { exact: true }) }),
  ).toContainText('Gateway bank-payments/bank-payments-gateway');
});
