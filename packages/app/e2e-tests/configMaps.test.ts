import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './signIn';

const CONFIG_MAP = 'payments-api-config';

/** The ConfigMaps tab of payments-api, with the row of its ConfigMap opened. */
async function openConfigMap(page: Page) {
  await page.getByRole('tab', { name: /^ConfigMaps \(\d+\)$/ }).click();
  const panel = page.getByRole('tabpanel');
  const row = panel.getByRole('row').filter({ hasText: CONFIG_MAP }).first();
  await row
    .getByRole('button', { name: 'Detail panel visiblity toggle' })
    .click();
  return panel;
}

/** The value of a key as the ConfigMap's key list shows it. */
async function valueOf(page: Page, key: string) {
  const panel = page.getByRole('tabpanel');
  await panel
    .getByRole('list', { name: `Keys of ${CONFIG_MAP}` })
    .getByText(key, { exact: true })
    .click();
  return panel.getByRole('region', { name: `Value of ${key}` });
}

test('an owner edits a ConfigMap key after a diff preview and restores the previous version from its history', async ({
  page,
}) => {
  await signInAs(
    page,
    'guest',
    '/catalog/default/component/payments-api/workloads',
  );
  const panel = await openConfigMap(page);
  const shown = await valueOf(page, 'LOG_LEVEL');
  await expect(shown).toHaveText(/\S/);
  const before = (await shown.textContent())!.trim();
  const edited = `e2e-${Date.now()}`;

  await panel.getByRole('button', { name: `Edit ${CONFIG_MAP}` }).click();
  await panel
    .getByRole('list', {
      name: `Keys being edited of bank-payments/${CONFIG_MAP}`,
    })
    .getByText('LOG_LEVEL', { exact: true })
    .click();
  // The value's code editor, from the keyboard: select all, type the new value.
  const editor = panel.getByRole('textbox', { name: 'Value of LOG_LEVEL' });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(edited);
  await expect(editor).toHaveText(edited);
  await panel.getByRole('button', { name: 'Preview changes' }).click();
  const diff = panel.getByLabel('Changes', { exact: true });
  await expect(diff).toContainText(`-  LOG_LEVEL: ${before}`);
  await expect(diff).toContainText(`+  LOG_LEVEL: ${edited}`);
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(
    page.getByText(`Saved ConfigMap bank-payments/${CONFIG_MAP}`),
  ).toBeVisible();
  await expect(await valueOf(page, 'LOG_LEVEL')).toHaveText(edited);

  // The history has the edit; restoring the version before it puts the value back.
  await panel
    .getByRole('button', { name: `History of changes of ${CONFIG_MAP}` })
    .click();
  const history = panel.getByRole('region', {
    name: `History of ${CONFIG_MAP}`,
  });
  await expect(history.getByText('changed LOG_LEVEL').first()).toBeVisible();
  await history
    .getByRole('button', { name: 'Restore the version before' })
    .first()
    .click();
  await expect(history.getByLabel('Changes', { exact: true })).toContainText(
    `+  LOG_LEVEL: ${before}`,
  );
  await history.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(
    page.getByText(`Restored ConfigMap bank-payments/${CONFIG_MAP}`),
  ).toBeVisible();
  // Back to the keys, with the value as it was.
  await expect(await valueOf(page, 'LOG_LEVEL')).toHaveText(before);
});
