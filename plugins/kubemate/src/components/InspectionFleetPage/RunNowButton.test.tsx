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
} from '../InspectionShared/__testUtils__/inspectionFixtures';
import { RunNowButton } from './RunNowButton';

// Its own file: usePermission caches decisions module-wide, so a DENY must be the first answer.
describe('RunNowButton', () => {
  it('is not shown without kubemate.inspection.run', async () => {
    const permissionApi = new MockPermissionApi(() => AuthorizeResult.DENY);
    const authorize = jest.spyOn(permissionApi, 'authorize');
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [inspectionApiRef, inMemoryInspectionApi()],
          [permissionApiRef, permissionApi],
        ]}
      >
        <FreshQueryProvider>
          <span>cluster card</span>
          <RunNowButton cluster="kubemate-sim" />
        </FreshQueryProvider>
      </TestApiProvider>,
    );
    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(authorize.mock.calls[0][0].permission.name).toBe(
      'kubemate.inspection.run',
    );
    await Promise.resolve();
    expect(screen.getByText('cluster card')).toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });
});
