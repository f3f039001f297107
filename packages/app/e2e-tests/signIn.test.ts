import { expect, test, type Page } from '@playwright/test';
import { signInAs } from './signIn';

/** The settings page (reached inside the app, keeping the session) shows the signed-in user. */
async function expectSignedInAs(
  page: Page,
  displayName: string,
  email: string,
) {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await expect(page).toHaveURL(/\/settings/);
  await expect(page.getByText(displayName).first()).toBeVisible();
  await expect(page.getByText(email).first()).toBeVisible();
}

test.describe('demo sign-in', () => {
  // The first page load may wait for the frontend build.
  test.setTimeout(240_000);

  test('demo sign-in: alice signs in through the demo OpenID Connect provider', async ({
    page,
  }) => {
    await signInAs(page, 'alice', '/');
    await expectSignedInAs(page, 'Alice Chen', 'alice@example.com');
  });

  test('demo sign-in: bob signs in through the demo OpenID Connect provider', async ({
    page,
  }) => {
    await signInAs(page, 'bob', '/');
    await expectSignedInAs(page, 'Bob Wang', 'bob@example.com');
  });
});
