import { expect, test } from '@playwright/test';
import { captureBackendAuth, signInAs } from './signIn';

/** The seeded IngressRoute (examples/cluster/20-erp-finance.yaml), put back after the test. */
const SEEDED_INGRESS_ROUTE = `apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata:
  name: erp-finance
  namespace: erp-finance
  labels:
    app.kubernetes.io/name: erp-finance
    backstage.io/kubernetes-id: erp-finance
spec:
  entryPoints: [web]
  routes:
    - match: Host(\`finance.erp.example.com\`) && PathPrefix(\`/\`)
      kind: Rule
      services: [{ name: erp-finance, port: 8080 }]
`;

test('a platform admin onboards erp-finance; its team migrates the seeded IngressRoute to an HTTPRoute on the new Gateway', async ({
  browser,
}) => {
  // alice is a platform admin (kubemate.namespace.onboard).
  const admin = await (await browser.newContext()).newPage();
  const auth = captureBackendAuth(admin);
  await signInAs(admin, 'alice', '/kubemate');
  await admin.getByRole('button', { name: 'Onboard a namespace' }).click();
  const onboard = admin.getByRole('dialog');
  await onboard.getByLabel('Namespace', { exact: true }).fill('erp-finance');
  await onboard.getByLabel('Owner group', { exact: true }).fill('team-erp');
  await onboard.getByRole('button', { name: 'Preview' }).click();
  const result = onboard.getByLabel('Onboarding result');
  await expect(result).toContainText('Dry run: port');
  await expect(result).toContainText('Gateway');
  await onboard.getByRole('button', { name: 'Onboard', exact: true }).click();
  await expect(result).toContainText('Onboarded erp-finance on port');
  await onboard.getByRole('button', { name: 'Close' }).click();
  await expect(
    admin
      .getByRole('row')
      .filter({ has: admin.getByText('erp-finance-gateway') })
      .first(),
  ).toBeVisible();

  // bob is in team-erp, which owns erp-finance and may create and delete its routes.
  const team = await (await browser.newContext()).newPage();
  await signInAs(team, 'bob', '/catalog/default/component/erp-finance/routes');
  await team
    .getByRole('button', {
      name: 'Migrate erp-finance/erp-finance to HTTPRoute',
    })
    .click();
  const migrate = team.getByRole('dialog');
  const parity = migrate.getByRole('region', { name: 'Parity check' });
  await expect(parity).toContainText(
    /All \d+ requests reach the same backends/,
  );
  await expect(migrate).toContainText('finance.erp.example.com');
  await migrate.getByRole('button', { name: 'Apply' }).click();

  const applied = migrate.getByRole('region', { name: 'Migration applied' });
  await expect(applied).toContainText('Created erp-finance/erp-finance');
  // The IngressRoute stays until the Gateway's implementation accepts the new route.
  await expect(applied).toContainText(
    'Every new HTTPRoute is Accepted by its parents.',
    { timeout: 60_000 },
  );
  await applied.getByRole('button', { name: 'Delete IngressRoute' }).click();
  await applied
    .getByRole('alertdialog', { name: 'Confirm delete' })
    .getByRole('button', { name: /^Delete / })
    .click();
  await expect(applied).toContainText('deleted.');
  await migrate.getByRole('button', { name: 'Close' }).click();

  // The tab now lists the HTTPRoute on the namespace's Gateway, and no IngressRoute.
  await expect(
    team
      .getByRole('row')
      .filter({ hasText: 'Gateway erp-finance/erp-finance-gateway' })
      .first(),
  ).toBeVisible({ timeout: 30_000 });
  await expect(team.getByText('Traefik IngressRoutes (legacy)')).toBeHidden({
    timeout: 30_000,
  });

  // Other browser tests read the seeded IngressRoute: the admin puts it back.
  const restored = await admin.request.post(
    `${auth.origin}/api/kubemate/admin/yaml/apply`,
    {
      headers: { authorization: auth.authorization! },
      data: {
        cluster: 'kubemate-sim',
        namespace: 'erp-finance',
        yaml: SEEDED_INGRESS_ROUTE,
      },
    },
  );
  expect(restored.status()).toBe(200);
  expect((await restored.json()).objects[0].action).toMatch(
    /^(created|changed|unchanged)$/,
  );
});
