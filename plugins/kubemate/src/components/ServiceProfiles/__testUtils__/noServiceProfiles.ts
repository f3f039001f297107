import type { ServiceProfilesApi } from '../../../api/ServiceProfilesApi';

/** Test-only: an entity whose Services have no ServiceProfiles (and a cluster without the CRD). */
export const noServiceProfilesApi: ServiceProfilesApi = {
  listServiceProfiles: async () => ({ items: [], notInstalled: ['sim'] }),
  saveServiceProfile: async () => {
    throw new Error('not expected in this test');
  },
};
