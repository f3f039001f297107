import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { inspectionApiRef } from '../../api';
import {
  FreshQueryProvider,
  inMemoryInspectionApi,
  newFinding,
} from '../InspectionShared/__testUtils__/inspectionFixtures';
import { FindingsPanel } from './FindingsPanel';

jest.setTimeout(30_000);

// Its own file: usePermission caches decisions module-wide, so a DENY must be the first answer.
describe('FindingsPanel without kubemate.risk.ignore', () => {
  it('lists risks but offers no ignore or un-ignore', async () => {
    const permissionApi = new MockPermissionApi(() => AuthorizeResult.DENY);
    const authorize = jest.spyOn(permissionApi, 'authorize');
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            inspectionApiRef,
            inMemoryInspectionApi({
              findings: [
                newFinding(),
                newFinding({
                  state: 'ignored',
                  resource: { kind: 'Deployment', name: 'other' },
                }),
              ],
            }),
          ],
          [permissionApiRef, permissionApi],
        ]}
      >
        <FreshQueryProvider>
          <FindingsPanel scope={{}} exportName="risks" showCluster />
        </FreshQueryProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findAllByText('Container runs privileged'),
    ).toHaveLength(2);
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(
      screen.getAllByRole('button', { name: 'Show details' }),
    ).toHaveLength(2);
    expect(screen.queryByRole('button', { name: 'Ignore' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Un-ignore' })).toBeNull();
  });
});
