import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

test("a pod's detail shows its containers, usage from metrics.k8s.io, events and YAML", async ({
  page,
}) => {
  await signInAs(
    page,
    'guest',
    '/catalog/default/component/payments-api/workloads',
  );
  await page
    .getByRole('button', { name: /^Details of payments-api-v1-/ })
    .first()
    .click();
  const drawer = page.getByRole('region', { name: /^Pod payments-api-v1-/ });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByText('Controlled by')).toBeVisible();
  await expect(drawer.getByText(/^Containers \(\d+\)$/)).toBeVisible();
  // The simulator serves PodMetrics: the usage table has a row per container.
  await expect(drawer.getByText('Resource usage')).toBeVisible();
  await expect(drawer.getByText(/metrics\.k8s\.io sample of/)).toBeVisible();
  await expect(
    drawer
      .getByRole('row')
      .filter({ hasText: /\d+(m| MiB| KiB| B)/ })
      .first(),
  ).toBeVisible();

  await drawer.getByRole('tab', { name: 'Events' }).click();
  await expect(drawer.getByText(/^Events \(\d+\)$/)).toBeVisible();

  await drawer.getByRole('tab', { name: 'YAML' }).click();
  await expect(drawer).toContainText('kind: Pod');

  await drawer.getByRole('button', { name: 'Close details' }).click();
  await expect(drawer).toBeHidden();
});
