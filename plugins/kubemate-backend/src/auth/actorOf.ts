import type { BackstageCredentials } from '@backstage/backend-plugin-api';

/** Who made a request, as recorded in the audit log: a user entity ref or a service subject. */
export function actorOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.userEntityRef) return principal.userEntityRef;
  if (principal.subject)
    return `${principal.type ?? 'service'}:${principal.subject}`;
  return principal.type ?? 'unknown';
}
