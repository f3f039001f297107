import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { SignalsService } from '@backstage/plugin-signals-node';
import {
  PROBES_CHANNEL,
  type ProbesChangedSignal,
} from '@kubemate/plugin-kubemate-common';

/** How long a reader of the probe pages keeps getting signals after its last read. */
const FOLLOW_MS = 10 * 60_000;

/**
 * Keeps the probe pages live: users who read probes (after the read permission) in the last
 * ten minutes get a signal on `kubemate:probes` when a run starts or ends, and fetch again. Sent
 * by user ref (never broadcast) and carrying only the probe id, so no result leaks through it.
 */
export class LiveProbes {
  private readonly readers = new Map<string, number>();

  constructor(
    private readonly options: {
      signals?: SignalsService;
      now?: () => number;
      warn?: (message: string) => void;
    },
  ) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** Remembers a user who was just served probes. */
  read(credentials: BackstageCredentials) {
    const ref = (credentials.principal as { userEntityRef?: string })
      .userEntityRef;
    if (ref) this.readers.set(ref, this.now());
  }

  /** Tells the recent readers that a run of the probe started or ended. */
  async changed(probeId: string): Promise<void> {
    const since = this.now() - FOLLOW_MS;
    for (const [ref, at] of this.readers) {
      if (at <= since) this.readers.delete(ref);
    }
    if (!this.options.signals || !this.readers.size) return;
    try {
      await this.options.signals.publish<ProbesChangedSignal>({
        recipients: { type: 'user', entityRef: [...this.readers.keys()] },
        channel: PROBES_CHANNEL,
        message: { type: 'probe-run', probeId },
      });
    } catch (e) {
      this.options.warn?.(`Could not signal a probe run: ${e}`);
    }
  }
}
