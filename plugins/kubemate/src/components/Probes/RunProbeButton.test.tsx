import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  MockPermissionApi,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { probesApiRef } from '../../api';
import { KubemateQueryProvider } from '../../queries';
import { RunProbeButton } from './RunProbeButton';
import { inMemoryProbesApi } from './__testUtils__/probeFixtures';

// Its own file: usePermission caches decisions module-wide, so a DENY must be the first answer.
describe('RunProbeButton', () => {
  it('is not shown without kubemate.probe.run', async () => {
    const permissionApi = new MockPermissionApi(() => AuthorizeResult.DENY);
    const authorize = jest.spyOn(permissionApi, 'authorize');
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [probesApiRef, inMemoryProbesApi([])],
          [permissionApiRef, permissionApi],
        ]}
      >
        <KubemateQueryProvider>
          <span>probe row</span>
          <RunProbeButton id="api" />
        </KubemateQueryProvider>
      </TestApiProvider>,
    );
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(authorize.mock.calls[0][0].permission.name).toBe(
      'kubemate.probe.run',
    );
    await Promise.resolve();
    expect(screen.getByText('probe row')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
