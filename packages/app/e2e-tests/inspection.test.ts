import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

// The first page load may wait for the frontend build; the run itself takes seconds.
test.setTimeout(420_000);

/** Opens a portal URL and signs in as guest there (a full page load starts a new session). */
async function openAsGuest(page: Page, path: string) {
  await page.goto(path);
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
}

test('inspection: run the demo cluster, read the report of payments-api, ignore and un-ignore a risk', async ({
  page,
}) => {
  // The fleet page, from the sidebar.
  await openAsGuest(page, '/');
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Inspection', exact: true })
    .click();
  await expect(page.getByText('Cluster inspection')).toBeVisible();
  const cluster = page.getByRole('region', { name: 'Cluster kubemate-sim' });
  await expect(cluster).toBeVisible();

  // Guest (team-banking) holds kubemate.inspection.run through the demo role. A run started by
  // a change of a workload may be going: the button is disabled until it ends.
  const runNow = cluster.getByRole('button', {
    name: 'Run inspection of kubemate-sim now',
  });
  await expect(runNow).toBeEnabled({ timeout: 120_000 });
  await runNow.click();
  await expect(cluster.getByText(/Latest run \(manual\)/)).toBeVisible();
  await expect(cluster.getByText(/since the previous run/)).toBeVisible({
    timeout: 120_000,
  });
  await expect(cluster.getByText(/Latest run \(manual\)/)).toBeVisible();
  await expect(runNow).toBeEnabled();
  await expect(cluster.getByText(/health score · pass rate/)).toBeVisible();

  // The run is in the history, succeeded.
  await page.getByRole('tab', { name: 'Runs' }).click();
  const runs = page.getByRole('table', { name: 'Run history' });
  await expect(runs.getByText('Succeeded').first()).toBeVisible();

  // The report on the entity page, reached through the catalog (in-app navigation keeps the
  // guest session).
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await nav.getByRole('link', { name: 'Catalog', exact: true }).click();
  await page.getByRole('link', { name: 'Payments API', exact: true }).click();
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Inspection', exact: true })
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/payments-api\/inspection/,
  );
  await expect(page.getByText('Current state')).toBeVisible();
  await expect(
    page.getByText('Health score', { exact: true }).first(),
  ).toBeVisible();
  await expect(
    page.getByRole('img', { name: /^Health score \d+ → \d+ over \d+ runs?/ }),
  ).toBeVisible();
  await expect(
    page.getByText('Execution failed', { exact: true }),
  ).toBeVisible();
  const risks = page.getByRole('table', { name: 'Risks' });
  const rows = risks.locator('tr[data-fingerprint]');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(0);

  // A risk's details: observed vs expected and remediation.
  const row = rows
    .filter({ has: page.getByRole('button', { name: 'Ignore', exact: true }) })
    .first();
  const fingerprint = await row.getAttribute('data-fingerprint');
  expect(fingerprint).toBeTruthy();
  await row.getByRole('button', { name: 'Show details' }).click();
  await expect(page.getByText('Observed vs expected')).toBeVisible();
  await expect(
    page.getByText('Remediation', { exact: true }).first(),
  ).toBeVisible();

  // The PDF report of this entity's risks.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export PDF' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('kubemate-risks-payments-api.pdf');
  const pdf = await readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

  // Ignore it as a false positive.
  const ignored = risks.locator(`tr[data-fingerprint="${fingerprint}"]`);
  await ignored.getByRole('button', { name: 'Ignore', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Ignore risk' });
  await dialog.getByLabel(/False positive/).check();
  await dialog
    .getByLabel('Comment')
    .fill('e2e: the simulator runs this on purpose');
  await dialog.getByRole('button', { name: 'Ignore', exact: true }).click();
  await expect(dialog).toBeHidden();

  // It is now listed under the ignored risks only.
  await page.locator('#kubemate-filter-state').click();
  for (const state of ['New', 'Open', 'Reopened']) {
    await page.getByRole('option', { name: state, exact: true }).click();
  }
  await page.keyboard.press('Escape');
  await expect(ignored).toBeVisible();
  await expect(ignored).toContainText('Ignored');
  // Still expanded from before, unless the list remounted it.
  const toggle = ignored.getByRole('button', { name: /(Show|Hide) details/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') {
    await toggle.click();
  }
  await expect(
    page.getByText(/False positive by user:default\/guest/),
  ).toBeVisible();

  // Un-ignore: it leaves the ignored list.
  await ignored.getByRole('button', { name: 'Un-ignore' }).click();
  await expect(ignored).toHaveCount(0);
});
