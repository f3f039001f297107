import { expect, test } from '@playwright/test';
import { signInAs } from './signIn';

test("a workload's Grafana link carries its cluster, namespace, name and the last hour", async ({
  page,
}) => {
  await signInAs(
    page,
    'guest',
    '/catalog/default/component/payments-api/workloads',
  );
  const opened = Date.now();
  await page
    .getByRole('button', { name: 'Dashboards of payments-api-v1', exact: true })
    .click();
  const menu = page.getByRole('menu');
  const grafana = menu.getByRole('menuitem', { name: /Workload dashboard/ });
  await expect(grafana).toBeVisible();
  const href = (await grafana.getAttribute('href'))!;
  const url = new URL(href);
  expect(url.origin + url.pathname).toBe(
    'http://localhost:3001/d/kubemate-workload/workload',
  );
  expect(url.searchParams.get('var-cluster')).toBe('kubemate-sim');
  expect(url.searchParams.get('var-namespace')).toBe('bank-payments');
  expect(url.searchParams.get('var-workload')).toBe('payments-api-v1');
  const from = Number(url.searchParams.get('from'));
  const to = Number(url.searchParams.get('to'));
  expect(to - from).toBe(60 * 60 * 1000);
  expect(Math.abs(to - opened)).toBeLessThan(5 * 60 * 1000);
  // Opens in a new tab, without giving the dashboard a handle on the portal.
  await expect(grafana).toHaveAttribute('target', '_blank');
  await expect(grafana).toHaveAttribute('rel', /noopener/);
  // The pod logs link needs a pod: not offered for a workload.
  await expect(menu.getByRole('menuitem', { name: /Pod logs/ })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // A pod row's links name the pod, with its Deployment as the workload.
  await page
    .getByRole('button', { name: /^Dashboards of payments-api-v1-/ })
    .first()
    .click();
  const logs = page.getByRole('menuitem', { name: /Pod logs/ });
  await expect(logs).toBeVisible();
  const left = JSON.parse(
    new URL((await logs.getAttribute('href'))!).searchParams.get('left')!,
  );
  expect(left.queries[0].expr).toMatch(
    /^\{namespace="bank-payments", pod="payments-api-v1-[a-z0-9-]+"\}$/,
  );
  await page.keyboard.press('Escape');

  // The entity card on the overview lists the same dashboards.
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Overview', exact: true })
    .click();
  const card = page
    .getByRole('list', {
      name: 'Dashboards of Deployment bank-payments/payments-api-v1',
    })
    .getByRole('link', { name: 'Workload dashboard' });
  await expect(card).toHaveAttribute(
    'href',
    /var-cluster=kubemate-sim&var-namespace=bank-payments&var-workload=payments-api-v1&from=\d+&to=\d+/,
  );
});
