import { expect, test, type Page } from '@playwright/test';
import { captureBackendAuth, signInAs } from './signIn';

const PROXY_SECRETS =
  '/api/kubernetes/proxy/api/v1/namespaces/erp-finance/secrets';
const CLUSTER = { 'Backstage-Kubernetes-Cluster': 'kubemate-sim' };

/** Signs in and returns the Backstage token and backend origin of the page's API calls. */
async function signedIn(page: Page, user: 'guest' | 'alice') {
  const auth = captureBackendAuth(page);
  await signInAs(page, user, '/catalog/default/component/payments-api');
  // The entity page calls the backend as the user: its token is what the tests send.
  await expect
    .poll(() => auth.authorization, { timeout: 30_000 })
    .toBeDefined();
  return { origin: auth.origin!, authorization: auth.authorization! };
}

test("Backstage's Kubernetes proxy is for platform admins only: the guest can neither read another team's Secrets nor delete through it", async ({
  page,
  browser,
}) => {
  const guest = await signedIn(page, 'guest');
  const read = await page.request.get(`${guest.origin}${PROXY_SECRETS}`, {
    headers: { ...CLUSTER, authorization: guest.authorization },
  });
  expect(read.status()).toBe(403);
  expect(await read.text()).not.toContain('smtp');
  const remove = await page.request.delete(
    `${guest.origin}/api/kubernetes/proxy/apis/apps/v1/namespaces/bank-payments/deployments/payments-api`,
    { headers: { ...CLUSTER, authorization: guest.authorization } },
  );
  expect(remove.status()).toBe(403);
  // The Deployment is still there, as the guest's own Workloads API says.
  const workloads = await page.request.get(
    `${guest.origin}/api/kubemate/entities/component/default/payments-api/workloads`,
    { headers: { authorization: guest.authorization } },
  );
  expect(workloads.status()).toBe(200);
  expect(JSON.stringify(await workloads.json())).toContain(
    '"name":"payments-api"',
  );

  // alice is a platform admin: the proxy answers her.
  const adminPage = await (await browser.newContext()).newPage();
  const admin = await signedIn(adminPage, 'alice');
  const adminRead = await adminPage.request.get(
    `${admin.origin}/api/kubernetes/proxy/api/v1/namespaces/erp-finance/configmaps`,
    { headers: { ...CLUSTER, authorization: admin.authorization } },
  );
  expect(adminRead.status()).toBe(200);
});

test('the ingestion token may post inspection reports and nothing else', async ({
  page,
}) => {
  const guest = await signedIn(page, 'guest');
  const token = {
    authorization: `Bearer ${
      process.env.KUBEMATE_INGEST_TOKEN ?? 'kubemate-dev-ingest-token'
    }`,
  };
  for (const path of [
    '/api/kubemate/audit',
    '/api/kubemate/clusters',
    '/api/kubemate/entities/component/default/payments-api/workloads',
    '/api/kubemate/inspection/runs',
  ]) {
    const answer = await page.request.get(`${guest.origin}${path}`, {
      headers: token,
    });
    expect({ path, status: answer.status() }).toEqual({ path, status: 403 });
  }
  // Lists filtered per item answer, but with nothing in them.
  const releases = await page.request.get(
    `${guest.origin}/api/kubemate/releases`,
    { headers: token },
  );
  expect(releases.status()).toBe(200);
  expect((await releases.json()).items).toEqual([]);
  // An empty report is refused for its content (400), not for the token.
  const ingest = await page.request.post(
    `${guest.origin}/api/kubemate/inspection/ingest/ansible?cluster=kubemate-sim`,
    { headers: token, data: {} },
  );
  expect([400, 422]).toContain(ingest.status());
});
