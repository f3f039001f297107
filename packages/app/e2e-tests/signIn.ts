import { expect, type Page } from '@playwright/test';

/**
 * Remembers the Backstage token and backend origin of the page's API calls, for a test that
 * calls the API as the signed-in user.
 */
export function captureBackendAuth(page: Page) {
  const seen: { authorization?: string; origin?: string } = {};
  page.on('request', request => {
    const authorization = request.headers().authorization;
    if (authorization && request.url().includes('/api/')) {
      seen.authorization = authorization;
      seen.origin = new URL(request.url()).origin;
    }
  });
  return seen;
}

/** Who a browser test can sign in as: the guest, or a demo user of examples/catalog/org.yaml. */
export type DemoUser = 'guest' | 'alice' | 'bob' | 'carol';

/**
 * Opens a portal URL and signs in there: the guest through the Guest card's Enter button, a
 * demo user through "Demo login (OIDC)", whose popup shows the login page of the demo OpenID
 * Connect provider (packages/dev-oidc), where the user is picked. Resolves once the sign-in page
 * is gone. A full page load afterwards may show the sign-in page again: navigate inside the app.
 */
export async function signInAs(page: Page, user: DemoUser, url = '/') {
  await page.goto(url);
  if (user === 'guest') {
    const enter = page.getByRole('button', { name: 'Enter' });
    await expect(enter).toBeVisible();
    await enter.click();
    await expect(enter).toBeHidden();
    return;
  }
  const card = page
    .getByRole('listitem')
    .filter({ hasText: 'Demo login (OIDC)' });
  const signIn = card.getByRole('button', { name: 'Sign in' });
  await expect(signIn).toBeVisible();
  const [popup] = await Promise.all([
    page.waitForEvent('popup', { timeout: 30_000 }),
    signIn.click(),
  ]);
  // The provider's login page lists the demo users; each is a submit button named by value.
  const choice = popup.locator(`button[name="login"][value="${user}"]`);
  await expect(choice).toBeVisible();
  // The popup ends on the backend's callback page, which hands the session over and closes.
  await Promise.all([
    popup.waitForEvent('close', { timeout: 30_000 }),
    choice.click(),
  ]);
  await expect(signIn).toBeHidden();
}
