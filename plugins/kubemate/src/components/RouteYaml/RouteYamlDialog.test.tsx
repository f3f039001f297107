import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { kubemateApiRef } from '../../api';
import { inMemoryKubemateApi } from '../../__testUtils__/clusterFixtures';
import {
  editorText,
  setEditorText,
} from '../CodeEditor/__testUtils__/editorText';
import { FreshQueryProvider } from '../EntityResources/__testUtils__/resourceFixtures';
import { RouteYamlDialog } from './RouteYamlDialog';

jest.setTimeout(60_000);

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};

const yaml = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: bank-payments
  resourceVersion: "7"
spec:
  hostnames: [pay.example.com]
`;

describe('RouteYamlDialog', () => {
  it("edits a route's YAML in the code editor, flags a misspelt field, and applies after the diff", async () => {
    const api = inMemoryKubemateApi([], [], { yaml });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [kubemateApiRef, api],
          [
            permissionApiRef,
            new MockPermissionApi(() => AuthorizeResult.ALLOW),
          ],
        ]}
      >
        <FreshQueryProvider>
          <EntityProvider entity={entity}>
            <RouteYamlDialog
              target={{
                cluster: 'sim',
                namespace: 'bank-payments',
                kind: 'HTTPRoute',
                name: 'web',
              }}
              onClose={() => {}}
            />
          </EntityProvider>
        </FreshQueryProvider>
      </TestApiProvider>,
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      await within(dialog).findByRole('button', { name: 'Edit YAML' }),
    );
    const editor = await within(dialog).findByRole('textbox', {
      name: 'YAML editor',
    });
    expect(editorText(editor)).toBe(yaml);
    setEditorText(editor, `${yaml}  hostnmes: [x]\n`);
    // The HTTPRoute's spec knows no 'hostnmes': flagged while typing.
    await waitFor(
      () =>
        expect(
          dialog.querySelectorAll('.cm-lintRange-warning').length,
        ).toBeGreaterThan(0),
      { timeout: 5000 },
    );
    setEditorText(editor, yaml.replace('pay.example.com', 'pay2.example.com'));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Preview changes' }),
    );
    expect(await within(dialog).findByLabelText('Diff')).toHaveTextContent(
      'pay2.example.com',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Apply' }),
    );
    await waitFor(() =>
      expect(api.actions).toContainEqual(
        expect.objectContaining({
          action: 'yaml-apply',
          params: { yaml: expect.stringContaining('pay2.example.com') },
        }),
      ),
    );
  });
});
