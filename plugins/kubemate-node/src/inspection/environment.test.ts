import { normalizeCapability } from './environment';

describe('normalizeCapability', () => {
  it.each([
    ['SYS_ADMIN', 'SYS_ADMIN'],
    ['nEt_aDmIn', 'NET_ADMIN'],
    ['CAP_SYS_ADMIN', 'SYS_ADMIN'],
    ['cap_net_raw', 'NET_RAW'],
    [' all ', 'ALL'],
    ['CAP_ALL', 'CAP_ALL'],
    [42, ''],
    [null, ''],
  ])('%p → %p', (input, expected) => {
    expect(normalizeCapability(input)).toBe(expected);
  });
});
