import { expect, test } from '@playwright/test';

test('the Routes tab shows the HTTPRoutes of a component with weights and status, and a legacy IngressRoute', async ({
  page,
}) => {
  await page.goto('/catalog/default/component/payments-api/routes');
  await page.getByRole('button', { name: 'Enter' }).click();
  const split = page
    .getByRole('row')
    .filter({ has: page.getByText('payments-api-split', { exact: true }) });
  await expect(split).toContainText('Service bank-payments/payments-api :8080');
  await expect(split).toContainText('weight 90 (90%)');
  await expect(split).toContainText('weight 10 (10%)');
  const gateway = page
    .getByRole('row')
    .filter({ has: page.getByText('payments-api', { exact: true }) })
    .filter({ hasText: 'api.payments.bank.example.com' });
  await expect(gateway).toContainText(
    'Gateway bank-payments/bank-payments-gateway · https',
  );
  await expect(gateway).toContainText('Accepted');

  // A legacy Traefik IngressRoute of another team's component (teams read each other's).
  await page.goto('/catalog/default/component/erp-finance/routes');
  await expect(page.getByText('Traefik IngressRoutes (legacy)')).toBeVisible();
  await expect(
    page.getByText('Host(`finance.erp.example.com`) && PathPrefix(`/`)'),
  ).toBeVisible();
});
