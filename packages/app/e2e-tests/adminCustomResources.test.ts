import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

test('a platform admin edits a custom resource through a dry-run diff and opens a node’s detail', async ({
  page,
}) => {
  const stamp = Date.now().toString(36);
  await signInAs(page, 'alice', '/kubemate/admin');

  // Node detail: pods, events and usage history (whatever the Prometheus of the run says).
  const nodes = page.getByRole('table', { name: 'Nodes of kubemate-sim' });
  await expect(nodes).toBeVisible({ timeout: 30_000 });
  await nodes.getByRole('row').nth(1).getByRole('button').first().click();
  const dialog = page.getByRole('dialog');
  const pods = dialog.getByRole('table', { name: 'Pods of the node' });
  await expect(pods).toBeVisible();
  expect(await pods.getByRole('row').count()).toBeGreaterThan(1);
  await expect(
    dialog.getByRole('table', { name: 'Events of the node' }),
  ).toBeVisible();
  await expect(dialog.getByText('Usage history (Prometheus)')).toBeVisible();
  await expect(
    dialog
      .getByText(
        /Prometheus unavailable|Prometheus not configured|CPU used: (now|no samples)/,
      )
      .first(),
  ).toBeVisible();
  await page.keyboard.press('Escape');

  // Custom resources: the HTTPRoute payments-api of bank-payments.
  await page.getByRole('tab', { name: 'Custom resources' }).click();
  const crds = page.getByRole('table', {
    name: 'Custom resource definitions of kubemate-sim',
  });
  await expect(crds).toBeVisible();
  await expect(crds).toContainText('gateway.networking.k8s.io');
  await crds.getByRole('button', { name: 'HTTPRoute', exact: true }).click();
  await page.getByLabel('Namespace (empty: all)').fill('bank-payments');
  await page
    .getByRole('button', {
      name: 'Edit HTTPRoute bank-payments/payments-api',
      exact: true,
    })
    .click();
  const editor = page.getByLabel(
    'YAML of HTTPRoute bank-payments/payments-api',
    { exact: true },
  );
  await expect(editor).toHaveValue(/resourceVersion/);
  const text = await editor.inputValue();
  const annotation = `    e2e.kubemate.io/edited: "${stamp}"\n`;
  await editor.fill(
    /\n {2}annotations:\n/.test(text)
      ? text.replace(/\n {2}annotations:\n/, `\n  annotations:\n${annotation}`)
      : text.replace(
          /\n {2}name: payments-api\n/,
          `\n  name: payments-api\n  annotations:\n${annotation}`,
        ),
  );
  await page.getByRole('button', { name: 'Preview changes' }).click();
  await expect(page.getByText('Dry run: changes below')).toBeVisible();
  await expect(
    page.getByLabel('Diff of HTTPRoute bank-payments/payments-api', {
      exact: true,
    }),
  ).toContainText(`e2e.kubemate.io/edited: ${stamp}`);
  await page.getByRole('button', { name: 'Apply changes' }).click();
  await expect(page.getByText(/Applied: changes below/)).toBeVisible();

  // The same text again is stale: refused with the API server's conflict.
  await editor.fill(text);
  await page.getByRole('button', { name: 'Preview changes' }).click();
  await expect(page.getByText(/409|modified/).first()).toBeVisible();
});
