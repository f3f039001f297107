import { expect, test, type Page } from '@playwright/test';
import { captureBackendAuth, signInAs } from './signIn';

const SECRET = 'payments-api-db';
const WORKLOADS = '/catalog/default/component/payments-api/workloads';

/** The Secrets tab of payments-api, with the row of its database Secret opened. */
async function openSecret(page: Page) {
  await page.getByRole('tab', { name: /^Secrets \(\d+\)$/ }).click();
  const panel = page.getByRole('tabpanel');
  const row = panel.getByRole('row').filter({ hasText: SECRET }).first();
  await expect(row).toContainText('password');
  await row
    .getByRole('button', { name: 'Detail panel visiblity toggle' })
    .click();
  return panel;
}

test("the owner reveals one Secret key; another team's user sees the Secret's keys but is refused its values", async ({
  page,
  browser,
}) => {
  // The guest is in team-banking, which owns payments-api.
  await signInAs(page, 'guest', WORKLOADS);
  const panel = await openSecret(page);
  // Sizes, never values, until one is revealed.
  await expect(panel.getByText('password · 18 B')).toBeVisible();
  await expect(page.getByText('s3cr3t-payments-db')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Reveal password' }).click();
  await expect(
    panel.getByRole('region', { name: 'Value of password' }),
  ).toHaveText('s3cr3t-payments-db');
  await panel.getByRole('button', { name: 'Hide' }).click();
  await expect(page.getByText('s3cr3t-payments-db')).toHaveCount(0);

  // Bob (team-erp) may read payments-api's workloads, not its Secret values.
  const context = await browser.newContext();
  const bob = await context.newPage();
  const auth = captureBackendAuth(bob);
  await signInAs(bob, 'bob', WORKLOADS);
  const bobPanel = await openSecret(bob);
  await expect(
    bobPanel.getByText(/not allowed to reveal the values/),
  ).toBeVisible();
  await expect(
    bobPanel.getByRole('button', { name: 'Reveal password' }),
  ).toBeDisabled();
  await expect(
    bobPanel.getByRole('button', { name: `Edit ${SECRET}` }),
  ).toHaveCount(0);
  // Asked directly, the backend refuses him too (and records the refusal).
  expect(auth.authorization).toBeDefined();
  const refused = await bob.request.post(
    `${auth.origin}/api/kubemate/entities/component/default/payments-api/secrets/reveal`,
    {
      headers: { authorization: auth.authorization! },
      data: {
        cluster: 'kubemate-sim',
        namespace: 'bank-payments',
        name: SECRET,
        key: 'password',
      },
    },
  );
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain('s3cr3t');
  await context.close();
});
