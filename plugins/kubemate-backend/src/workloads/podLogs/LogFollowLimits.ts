import type { Config } from '@backstage/config';
import { TooManyRequestsError } from '../../service/httpErrors';

export const DEFAULT_MAX_FOLLOW_MS = 30 * 60 * 1000;
export const DEFAULT_MAX_FOLLOWS_PER_USER = 3;

/** The bounds of followed log streams: how long one lasts, how many one user holds open. */
export class LogFollowLimits {
  private readonly open = new Map<string, number>();
  readonly maxFollowMs: number;
  readonly maxFollowsPerUser: number;

  constructor(options: { maxFollowMs?: number; maxFollowsPerUser?: number }) {
    this.maxFollowMs = options.maxFollowMs ?? DEFAULT_MAX_FOLLOW_MS;
    this.maxFollowsPerUser =
      options.maxFollowsPerUser ?? DEFAULT_MAX_FOLLOWS_PER_USER;
  }

  static fromConfig(config: Config): LogFollowLimits {
    return new LogFollowLimits({
      maxFollowMs: config.getOptionalNumber('kubemate.logs.maxFollowMs'),
      maxFollowsPerUser: config.getOptionalNumber(
        'kubemate.logs.maxFollowsPerUser',
      ),
    });
  }

  /** Takes one of `user`'s follow slots (429 when none is left); the result gives it back. */
  acquire(user: string): () => void {
    const held = this.open.get(user) ?? 0;
    if (held >= this.maxFollowsPerUser) {
      throw new TooManyRequestsError(
        `You already follow ${held} log streams, the most one user may follow at once (kubemate.logs.maxFollowsPerUser); close one first`,
      );
    }
    this.open.set(user, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = (this.open.get(user) ?? 1) - 1;
      if (now > 0) this.open.set(user, now);
      else this.open.delete(user);
    };
  }

  /** The last line of a stream that reached `maxFollowMs`. */
  endedMessage(): string {
    return `log stream ended after ${Math.round(
      this.maxFollowMs / 1000,
    )} s, the longest a followed log lasts (kubemate.logs.maxFollowMs); follow again to continue`;
  }
}
