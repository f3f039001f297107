import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './signIn';

/** A text field of the template form, by its label. */
const field = (page: Page, label: string) =>
  page.getByRole('textbox', { name: label, exact: true });

test('the guest creates a New application from the template and sees its pods Running and its route Accepted', async ({
  page,
}) => {
  test.setTimeout(180_000);
  // Unique per run: the created Component and its objects stay in the demo.
  const name = `hello-${Date.now().toString(36)}`;
  await signInAs(page, 'guest', '/create');
  // The dev frontend may reload once while it finishes compiling: sign in again then.
  await expect(async () => {
    const enter = page.getByRole('button', { name: 'Enter' });
    if (await enter.isVisible()) await enter.click();
    await page
      .getByRole('article')
      .filter({ hasText: 'New application' })
      .getByRole('button', { name: 'Choose' })
      .click({ timeout: 10_000 });
    await expect(field(page, 'Name')).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000 });

  // Application
  await field(page, 'Name').fill(name);
  const owner = field(page, 'Owner');
  await owner.click();
  await owner.fill('Core Banking');
  await page.getByRole('option', { name: 'Core Banking Team' }).click();
  await field(page, 'Namespace').fill('bank-payments');
  await page.getByRole('button', { name: 'Next' }).click();

  // Container: an approved image, picked with the keyboard.
  const repository = page.getByRole('textbox', {
    name: 'Registry and repository',
  });
  await repository.click();
  await repository.fill('kubemate/hello');
  await expect(
    page.getByRole('option', {
      name: 'Hello (demo web app) (ghcr.io/kubemate/hello)',
    }),
  ).toBeVisible();
  await repository.press('Enter');
  await field(page, 'Tag').fill('1.0.0');
  await expect(
    page.getByText('Image: ghcr.io/kubemate/hello:1.0.0'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();

  // Scheduling, configuration and storage: a label, a ConfigMap mounted as files, a volume.
  const addItem = page.getByRole('button', { name: 'Add Item' });
  await addItem.nth(3).click(); // Labels
  await field(page, 'Key').fill('example.com/created-by');
  await field(page, 'Value').fill('e2e');
  await addItem.nth(1).click(); // ConfigMaps
  await field(page, 'Name').fill(`${name}-config`);
  await field(page, 'Mount path').fill('/etc/hello');
  // Each list's button follows its items: the new ConfigMap's keys and values come first now.
  await addItem.nth(1).click();
  await field(page, 'Key (file name)').fill('greeting.txt');
  await field(page, 'Value (file content)').fill('Hello from the browser');
  await page.getByRole('checkbox', { name: 'Persistent volume (PVC)' }).check();
  await expect(field(page, 'Size')).toHaveValue('1Gi');
  await page.getByRole('button', { name: 'Next' }).click();

  // Service and route
  await field(page, 'Route hostname').fill(`${name}.payments.bank.example.com`);
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText('ghcr.io/kubemate/hello:1.0.0')).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();

  // The run: each step logged; the output links to the new Component.
  const open = page.getByRole('link', { name: 'Open the new app' });
  await expect(open).toBeVisible({ timeout: 150_000 });
  const created = Date.now();
  await open.click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}`),
  );

  const tabs = page.getByRole('navigation', { name: 'Content navigation' });
  await tabs.getByRole('link', { name: 'Workloads' }).click();
  const deployment = page
    .getByRole('row')
    .filter({ has: page.getByText(name, { exact: true }) })
    .first();
  await expect(deployment).toBeVisible({ timeout: 30_000 });
  await expect(
    page
      .getByRole('row')
      .filter({ hasText: new RegExp(`${name}-[a-z0-9]+-[a-z0-9]+`) })
      .filter({ hasText: 'Running' }),
  ).toHaveCount(2, { timeout: 30_000 });

  await tabs.getByRole('link', { name: 'Routes' }).click();
  const route = page
    .getByRole('row')
    .filter({ has: page.getByText(name, { exact: true }) })
    .filter({ hasText: `${name}.payments.bank.example.com` });
  await expect(route).toContainText('Accepted', { timeout: 30_000 });
  expect(Date.now() - created).toBeLessThan(30_000);
});
