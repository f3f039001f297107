import { expect, test } from '@playwright/test';
import { captureBackendAuth, signInAs } from './signIn';

test('a platform admin sees the nodes and applies a two-document YAML; the guest sees no admin console and gets 403', async ({
  browser,
}) => {
  const suffix = Date.now().toString(36);
  // alice is in platform-admins (kubemate.admin.read and kubemate.admin.apply).
  const admin = await (await browser.newContext()).newPage();
  await signInAs(admin, 'alice', '/kubemate/admin');
  await expect(
    admin
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Kubemate admin' }),
  ).toBeVisible();
  const nodes = admin.getByRole('table', { name: 'Nodes of kubemate-sim' });
  await expect(nodes).toBeVisible({ timeout: 30_000 });
  await expect(nodes.getByRole('row').nth(1)).toContainText('Ready');
  expect(await nodes.getByRole('row').count()).toBeGreaterThan(1);

  await admin.getByRole('tab', { name: 'YAML' }).click();
  await admin.getByLabel('Namespace', { exact: true }).click();
  await admin.getByRole('option', { name: 'bank-payments' }).click();
  await admin
    .getByLabel(/YAML \(one or more documents/)
    .fill(
      [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        `  name: admin-e2e-${suffix}`,
        'data:',
        '  greeting: hello',
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        `  name: admin-e2e-${suffix}`,
        'spec:',
        '  selector:',
        '    app: admin-e2e',
        '  ports:',
        '    - port: 80',
        '',
      ].join('\n'),
    );
  await admin.getByRole('button', { name: 'Preview' }).click();
  await expect(
    admin.getByText('Dry run in kubemate-sim/bank-payments: 2 created'),
  ).toBeVisible();
  const dryRun = admin.getByRole('table', { name: 'Dry run report' });
  await expect(dryRun).toContainText(
    `ConfigMap bank-payments/admin-e2e-${suffix}`,
  );
  await expect(dryRun).toContainText('+  greeting: hello');
  await admin.getByRole('button', { name: 'Apply' }).click();
  await expect(
    admin.getByText('Applied in kubemate-sim/bank-payments: 2 created'),
  ).toBeVisible();
  await expect(
    admin.getByRole('table', { name: 'Apply report' }),
  ).toContainText(`Service bank-payments/admin-e2e-${suffix}`);

  // The guest (team-banking) has no kubemate.admin.*: no sidebar item, 403 from the API.
  const guest = await (await browser.newContext()).newPage();
  const auth = captureBackendAuth(guest);
  await signInAs(guest, 'guest', '/kubemate');
  const sidebar = guest.getByTestId('sidebar-root');
  await expect(
    sidebar.getByRole('link', { name: 'Kubemate', exact: true }),
  ).toBeVisible();
  await expect(
    sidebar.getByRole('link', { name: 'Kubemate admin' }),
  ).toHaveCount(0);
  await expect.poll(() => auth.authorization).toBeTruthy();
  for (const path of [
    '/api/kubemate/clusters/kubemate-sim/nodes',
    '/api/kubemate/clusters/kubemate-sim/events',
  ]) {
    const res = await guest.request.get(`${auth.origin}${path}`, {
      headers: { authorization: auth.authorization! },
    });
    expect(res.status()).toBe(403);
  }
  const apply = await guest.request.post(
    `${auth.origin}/api/kubemate/admin/yaml/apply`,
    {
      headers: { authorization: auth.authorization! },
      data: {
        cluster: 'kubemate-sim',
        namespace: 'bank-payments',
        yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nope\n',
      },
    },
  );
  expect(apply.status()).toBe(403);
});
