import { errors } from '../api/errors';

export interface UserInfo {
  name: string;
  groups: string[];
}

export interface TokenEntry {
  token: string;
  user: string;
  groups?: string[];
}

export const ANONYMOUS: UserInfo = {
  name: 'system:anonymous',
  groups: ['system:unauthenticated'],
};

/** Static bearer-token authentication like kube-apiserver's --token-auth-file. */
export class TokenAuthenticator {
  private readonly byToken = new Map<string, UserInfo>();

  constructor(tokens: TokenEntry[]) {
    for (const t of tokens) {
      this.byToken.set(t.token, {
        name: t.user,
        groups: [...(t.groups ?? []), 'system:authenticated'],
      });
    }
  }

  /** undefined header → anonymous; an unknown token → 401. */
  authenticate(authorization: string | undefined): UserInfo {
    if (!authorization) return ANONYMOUS;
    const m = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (!m) throw errors.unauthorized();
    const user = this.byToken.get(m[1].trim());
    if (!user) throw errors.unauthorized();
    return user;
  }

  entries(): Array<{ token: string; user: UserInfo }> {
    return [...this.byToken.entries()].map(([token, user]) => ({
      token,
      user,
    }));
  }
}
