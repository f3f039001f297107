import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { gunzipSync, gzipSync } from 'node:zlib';
import { signInAs } from './signIn';

/** A .tar.gz of the files (ustar headers, short names). */
function tarGz(files: Record<string, string>): Buffer {
  const blocks: Buffer[] = [];
  for (const [path, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8');
    const h = Buffer.alloc(512);
    h.write(path, 0, 100, 'utf8');
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write('0', 156);
    h.write('ustar\0', 257);
    h.write('00', 263);
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += h[i];
    h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

test('a platform admin imports an archive of manifests (inspection findings shown first) and exports a namespace as a .tar.gz', async ({
  page,
}) => {
  const suffix = Date.now().toString(36);
  const name = `archive-e2e-${suffix}`;
  await signInAs(page, 'alice', '/kubemate/admin');
  await expect(page.getByRole('tab', { name: 'YAML' })).toBeVisible({
    timeout: 30_000,
  });

  await page.getByRole('tab', { name: 'YAML' }).click();
  await page.getByLabel('Namespace', { exact: true }).click();
  await page.getByRole('option', { name: 'bank-payments' }).click();
  await page.getByLabel(/archive of manifests/).setInputFiles({
    name: 'manifests.tar.gz',
    mimeType: 'application/gzip',
    buffer: tarGz({
      'config/settings.yaml': [
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        `  name: ${name}`,
        'data:',
        '  greeting: hello',
        '',
      ].join('\n'),
      'service.yaml': [
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        `  name: ${name}`,
        'spec:',
        '  selector:',
        '    app: archive-e2e',
        '  ports:',
        '    - port: 80',
        '',
      ].join('\n'),
      'workload/deployment.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        `  name: ${name}`,
        'spec:',
        '  replicas: 1',
        '  selector:',
        '    matchLabels: { app: archive-e2e }',
        '  template:',
        '    metadata:',
        '      labels: { app: archive-e2e }',
        '    spec:',
        '      containers:',
        '        - name: app',
        '          image: nginx:1.27',
        '          securityContext: { privileged: true }',
        '',
      ].join('\n'),
      'README.md': '# manifests\n',
    }),
  });
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(
    page.getByText('Dry run in kubemate-sim/bank-payments: 3 created'),
  ).toBeVisible();
  // Inspection findings before anything is applied: the privileged container stands out.
  const high = page.getByLabel('High-severity findings');
  await expect(high).toBeVisible();
  await expect(high).toContainText(
    `Deployment ${name} (container app) — workload/deployment.yaml #1`,
  );
  await expect(
    page.getByRole('table', { name: 'Inspection findings' }),
  ).toBeVisible();
  const dryRun = page.getByRole('table', { name: 'Dry run report' });
  await expect(dryRun).toContainText('config/settings.yaml');
  await expect(dryRun).toContainText(`Service bank-payments/${name}`);
  await expect(
    page.getByText('Not read (not .yaml, .yml or .json): README.md'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(
    page.getByText('Applied in kubemate-sim/bank-payments: 3 created'),
  ).toBeVisible();

  await page.getByRole('tab', { name: 'Namespaces' }).click();
  await page.getByLabel('Namespace to export').click();
  await page.getByRole('option', { name: 'bank-payments' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/bank-payments\.tar\.gz$/);
  const tar = gunzipSync(await readFile((await download.path())!)).toString(
    'utf8',
  );
  expect(tar).toContain(`ConfigMap/${name}.yaml`);
  expect(tar).toContain(`Service/${name}.yaml`);
  expect(tar).toContain(`Deployment/${name}.yaml`);
  expect(tar).not.toContain('resourceVersion:');
  await expect(
    page.getByText(/Downloaded kubemate-sim-bank-payments\.tar\.gz/),
  ).toBeVisible();
});
