import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './signIn';

const ACCOUNTS = '/catalog/default/component/accounts-service';

/** The history chart of a probe: how many of its finished runs passed. */
async function history(page: Page, probe: string) {
  const chart = page.getByRole('img', {
    name: new RegExp(`^History of ${probe}:`),
  });
  const label = (await chart.first().getAttribute('aria-label')) ?? '';
  const [, passed, finished] =
    /: (\d+) of (\d+) runs passed$/.exec(label) ?? [];
  return { passed: Number(passed), finished: Number(finished) };
}

test('a probe’s history on its entity card, run from there, and its steps on the probes page', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAs(page, 'guest', ACCOUNTS);
  await expect(
    page.getByRole('link', { name: 'accounts-service has ready endpoints' }),
  ).toBeVisible({ timeout: 30_000 });

  // Run now from the card (the guest's team may run probes): the run lands in the history.
  await page
    .getByRole('button', { name: 'Run probe accounts-endpoints now' })
    .click();
  await expect
    .poll(async () => (await history(page, 'accounts-endpoints')).passed, {
      timeout: 60_000,
    })
    .toBeGreaterThanOrEqual(1);

  // The HTTP probe goes through the demo gateway, which answers by the HTTPRoute.
  await page
    .getByRole('button', { name: 'Run probe accounts-http now' })
    .click();
  await expect
    .poll(
      async () => {
        const h = await history(page, 'accounts-http');
        return h.finished >= 1 && h.passed === h.finished;
      },
      { timeout: 60_000 },
    )
    .toBe(true);

  // The probes page: the probe's last run, step by step.
  await page
    .getByRole('link', { name: /accounts\.core\.bank\.example\.com answers/ })
    .click();
  await expect(page).toHaveURL(/\/kubemate\/probes\?probe=accounts-http/);
  const steps = page.getByRole('table', { name: 'Steps of the last run' });
  await expect(steps.getByText('GET /api/v1/accounts')).toBeVisible();
  await expect(steps.getByText('check answer')).toBeVisible();
});
