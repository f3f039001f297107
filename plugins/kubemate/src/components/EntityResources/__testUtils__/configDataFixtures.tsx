/** Test-only: a ConfigMap and a Secret of payments-api, the config-data API in memory. */
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import type {
  ClusterWorkloads,
  ConfigDataEditRequest,
  KubeObject,
} from '@kubemate/plugin-kubemate-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { configDataApiRef, type ConfigDataApi } from '../../../api';
import { ConfigMapsView } from '../ConfigMapsView';
import { DETAIL_TOGGLE_LABEL } from '../ResourceTable';
import { SecretsTable } from '../SecretsTable';
import { emptyResources, FreshQueryProvider } from './resourceFixtures';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
};

const configMap: KubeObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'payments-config',
    namespace: 'bank-payments',
    uid: 'cm-1',
    resourceVersion: '41',
  },
  data: { LOG_LEVEL: 'info', 'old.txt': 'x', 'application.yaml': 'a: 1\n' },
};

const secret: KubeObject = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'payments-db',
    namespace: 'bank-payments',
    uid: 's-1',
    resourceVersion: '42',
  },
  type: 'Opaque',
  data: { username: '', password: '' },
  dataSizes: { username: 8, password: 18 },
};

const cluster: ClusterWorkloads = {
  cluster: 'sim',
  status: 'ok',
  resources: {
    ...emptyResources(),
    configmaps: [configMap],
    secrets: [secret],
  },
};

const keys = { added: [], removed: [], changed: ['LOG_LEVEL'], renamed: [] };

/** The config-data API in memory: records requests, answers as the backend does. */
export function fakeApi(options: { conflict?: boolean } = {}) {
  const calls: Array<{ call: string; request: unknown }> = [];
  const api: ConfigDataApi = {
    async previewConfigData(_e, request) {
      calls.push({ call: 'preview', request });
      return {
        before: 'LOG_LEVEL: info\n',
        after: 'LOG_LEVEL: debug\n',
        diff: '@@ -1,1 +1,1 @@\n-  LOG_LEVEL: info\n+  LOG_LEVEL: debug\n',
        keys,
        resourceVersion: request.resourceVersion,
      };
    },
    async applyConfigData(_e, request) {
      calls.push({ call: 'apply', request });
      if (options.conflict) {
        throw Object.assign(
          new Error(
            'ConfigMap bank-payments/payments-config changed since you loaded it; reload it and make your edit again',
          ),
          { name: 'ConflictError' },
        );
      }
      return { keys, resourceVersion: '43' };
    },
    async getConfigDataHistory() {
      return {
        items: [
          {
            id: '7',
            at: '2026-12-01T10:00:00.000Z',
            actor: 'user:default/guest',
            operation: 'configdata-edit',
            keys,
            restorable: ['before', 'after'],
          },
        ],
      };
    },
    async revealSecretKey(_e, request) {
      calls.push({ call: 'reveal', request });
      return {
        key: request.key,
        value: `value-of-${request.key}`,
        encoding: 'utf-8',
        resourceVersion: '42',
      };
    },
  };
  return { api, calls };
}

export async function render(
  view: 'configmaps' | 'secrets',
  api: ConfigDataApi,
  allowed: (permission: string) => boolean = () => true,
) {
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [configDataApiRef, api],
        [
          permissionApiRef,
          new MockPermissionApi(r =>
            allowed(r.permission.name)
              ? AuthorizeResult.ALLOW
              : AuthorizeResult.DENY,
          ),
        ],
      ]}
    >
      <FreshQueryProvider>
        <EntityProvider entity={entity}>
          {view === 'configmaps' ? (
            <ConfigMapsView cluster={cluster} />
          ) : (
            <SecretsTable cluster={cluster} valuesHidden />
          )}
        </EntityProvider>
      </FreshQueryProvider>
    </TestApiProvider>,
  );
  await userEvent.click(
    screen.getAllByRole('button', { name: DETAIL_TOGGLE_LABEL })[0],
  );
}

export const requestOf = (
  calls: Array<{ call: string; request: unknown }>,
  call: string,
) => calls.find(c => c.call === call)?.request as ConfigDataEditRequest;
