export { ServiceProfilesSection } from './ServiceProfilesSection';
export { ShadowWarning } from './ShadowWarning';
export { useServiceProfiles } from './useServiceProfiles';
export { ReleaseShadowWarning } from './ReleaseShadowWarning';
