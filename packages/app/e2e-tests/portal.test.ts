import { expect, test, type Page } from '@playwright/test';

/** Opens a portal URL and signs in as guest there (a full page load starts a new session). */
async function openAsGuest(page: Page, path: string) {
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
}

test('the catalog lists the example components', async ({ page }) => {
  await openAsGuest(page, '/');
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
  await expect(
    nav.getByRole('link', { name: 'Kubemate', exact: true }),
  ).toBeVisible();
  // The catalog shows titles, and starts with what the user's teams own (guest is in team-banking).
  for (const title of ['Payments API', 'Accounts Service']) {
    await expect(
      page.getByRole('link', { name: title, exact: true }),
    ).toBeVisible();
  }
  await page.getByText('All', { exact: true }).first().click();
  await expect(
    page.getByRole('link', { name: 'ERP Finance', exact: true }),
  ).toBeVisible();
});

test('the entity page of an example component shows its Kubemate tab', async ({
  page,
}) => {
  await openAsGuest(page, '/catalog/default/component/payments-api');
  await expect(page.getByText('Payments API').first()).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Kubemate', exact: true })
    .click();
  await expect(
    page.getByText('backstage.io/kubernetes-id=payments-api'),
  ).toBeVisible();
  await expect(page.getByText('bank-payments')).toBeVisible();
  await expect(
    page.getByText('Demo cluster (simulator) (kubemate-sim)'),
  ).toBeVisible();
  await expect(page.getByText('Reachable', { exact: true })).toBeVisible();
});

test('the Kubemate page lists the configured clusters with their versions', async ({
  page,
}) => {
  await openAsGuest(page, '/kubemate');
  await expect(
    page.getByText('Demo cluster (simulator) (kubemate-sim)'),
  ).toBeVisible();
  await expect(page.getByText(/^v1\.\d+/)).toBeVisible();
});

test("Backstage's Kubernetes plugin shows the component's workloads from the demo cluster", async ({
  page,
}) => {
  await openAsGuest(page, '/catalog/default/component/payments-api/kubernetes');
  const cluster = page.getByText('Demo cluster (simulator)');
  await expect(cluster).toBeVisible();
  await expect(page.getByText(/^[1-9]\d* pods$/)).toBeVisible();
  await expect(page.getByText('No pods with errors')).toBeVisible();
  await cluster.click();
  await expect(page.getByText('payments-api-v1').first()).toBeVisible();
  await expect(page.getByText('payments-api-v2').first()).toBeVisible();
  await expect(
    page.getByText(/No resources on this entity|Error communicating/),
  ).toHaveCount(0);
});

test.describe('Workloads tab', () => {
  test('an owner scales, restarts, rolls back and reads logs', async ({
    page,
  }) => {
    await openAsGuest(
      page,
      '/catalog/default/component/payments-api/workloads',
    );
    // The workload's row is the one with its Scale action; the Resources
    // section below lists a Service of the same name.
    const row = (name: string) =>
      page
        .getByRole('row')
        .filter({ has: page.getByText(name, { exact: true }) })
        .filter({ has: page.getByRole('button', { name: `Scale ${name}` }) });
    await expect(row('payments-api-v2')).toContainText(/(\d+)\/\1/);
    const desired = Number(
      (await row('payments-api-v2').innerText()).match(/(\d+)\/\d+/)![1],
    );
    const wanted = desired >= 3 ? 1 : desired + 1;

    await page.getByRole('button', { name: 'Scale payments-api-v2' }).click();
    const replicas = page.getByLabel('Replicas');
    await replicas.fill(String(wanted));
    await replicas.press('Enter');
    await expect(
      page.getByText('Scaled Deployment bank-payments/payments-api-v2'),
    ).toBeVisible();
    await expect(row('payments-api-v2')).toContainText(`${wanted}/${wanted}`);

    await page.getByRole('button', { name: 'Restart payments-api-v2' }).click();
    await page.getByRole('button', { name: 'Restart', exact: true }).click();
    await expect(
      page.getByText('Restarting Deployment bank-payments/payments-api-v2'),
    ).toBeVisible();

    await page
      .getByRole('button', { name: 'Rollout history of payments-api-v2' })
      .click();
    const rollback = page
      .getByRole('button', { name: /^Roll back to \d+$/ })
      .first();
    await expect(rollback).toBeVisible();
    await rollback.click();
    await page.getByRole('button', { name: 'Roll back', exact: true }).click();
    await expect(
      page.getByText('Rolling back Deployment bank-payments/payments-api-v2'),
    ).toBeVisible();
    await page.keyboard.press('Escape');

    await page
      .getByRole('button', { name: /^Logs of payments-api-v1-/ })
      .first()
      .click();
    await expect(page.getByLabel('Log output')).not.toHaveText(
      'No log lines yet.',
    );
    await expect(page.getByLabel('Log output')).toContainText(/\S+/);
    await page.keyboard.press('Escape');

    // The owner reads the entity's audit log: each change, by the guest, newest first.
    const activity = page.getByRole('region', { name: 'Activity' });
    await activity.scrollIntoViewIfNeeded();
    const entry = (operation: string) =>
      activity
        .getByRole('row')
        .filter({
          has: page.getByRole('cell', { name: operation, exact: true }),
        })
        .filter({ hasText: 'user:default/guest' })
        .filter({ hasText: 'Deployment bank-payments/payments-api-v2' })
        .first();
    await expect(entry('scale')).toContainText(`replicas=${wanted}`);
    await expect(entry('scale')).toContainText('succeeded');
    await expect(entry('restart')).toContainText('succeeded');
    await expect(entry('rollback')).toContainText(/revision=\d+/);
    await expect(entry('rollback')).toContainText('succeeded');
    const rows = await activity.getByRole('row').allInnerTexts();
    const newest = (op: string) =>
      rows.findIndex(r =>
        r
          .split('\t')
          .map(c => c.trim())
          .includes(op),
      );
    expect(newest('rollback')).toBeLessThan(newest('restart'));
    expect(newest('restart')).toBeLessThan(newest('scale'));
    // Reading a pod's log is on record too (Activity polls, so allow for its refresh).
    const logRead = activity
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'logs', exact: true }) })
      .filter({ hasText: 'user:default/guest' })
      .filter({ hasText: 'Pod bank-payments/payments-api-v1-' })
      .first();
    await expect(logRead).toContainText('succeeded');

    // The scale's before/after diff, and filtering by operation.
    await entry('scale')
      .getByRole('button', { name: /^Changes of scale/ })
      .click();
    await expect(activity.getByLabel('Changes', { exact: true })).toContainText(
      new RegExp(`\\+\\s+replicas: ${wanted}\\b`),
    );
    await activity.getByRole('button', { name: /^Operation/ }).click();
    await page.getByRole('option', { name: 'restart', exact: true }).click();
    await expect(entry('scale')).toHaveCount(0);
    await expect(entry('restart')).toBeVisible();

    // The pod table's filter box.
    const pods = page.getByRole('region', { name: 'Pods table' });
    await page.getByLabel('Filter pods').fill('payments-api-v1-');
    await expect(page.getByText(/^Pods \(\d+ of \d+\)$/)).toBeVisible();
    await expect(
      pods.getByRole('row').filter({ hasText: 'payments-api-v1-' }).first(),
    ).toBeVisible();
    await expect(
      pods.getByRole('row').filter({ hasText: 'payments-api-v2-' }),
    ).toHaveCount(0);
  });

  test('a workload opens in a details drawer with its YAML', async ({
    page,
  }) => {
    await openAsGuest(
      page,
      '/catalog/default/component/accounts-service/workloads',
    );
    await page
      .getByRole('button', { name: 'accounts-service', exact: true })
      .click();
    const drawer = page.getByRole('region', {
      name: 'Deployment accounts-service',
    });
    await expect(
      drawer.getByText('Deployment bank-core/accounts-service'),
    ).toBeVisible();
    await drawer.getByRole('tab', { name: 'Events' }).click();
    await expect(
      drawer.getByText(/ScalingReplicaSet|SuccessfulCreate/).first(),
    ).toBeVisible();
    await drawer.getByRole('tab', { name: 'YAML' }).click();
    await expect(drawer.getByLabel('YAML')).toContainText('kind: Deployment');
    await drawer.getByRole('button', { name: 'Close details' }).click();
    await expect(drawer).toHaveCount(0);
  });

  test("controls are hidden on another team's component", async ({ page }) => {
    await openAsGuest(page, '/catalog/default/component/erp-finance/workloads');
    await expect(
      page.getByRole('button', { name: 'Rollout history of erp-finance' }),
    ).toBeVisible();
    await expect(
      page.getByRole('button', { name: 'Scale erp-finance' }),
    ).toHaveCount(0);
    await expect(
      page.getByRole('button', { name: 'Restart erp-finance' }),
    ).toHaveCount(0);
    await expect(
      page.getByRole('button', { name: /^Delete pod / }),
    ).toHaveCount(0);
    // Its audit log is for its owners (team-erp) only.
    await expect(page.getByRole('region', { name: 'Activity' })).toHaveCount(0);
    await expect(page.getByRole('table', { name: 'Activity log' })).toHaveCount(
      0,
    );
  });
});
