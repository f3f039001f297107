/**
 * The environment a job probe's container gets: where and with which key to report, and the
 * run it belongs to. The Backstage token comes from the probe's `tokenSecret` as `KUBEMATE_TOKEN`.
 */
export const PROBE_ENV = {
  reportUrl: 'KUBEMATE_PROBE_REPORT_URL',
  reportKey: 'KUBEMATE_PROBE_REPORT_KEY',
  token: 'KUBEMATE_TOKEN',
  probeId: 'KUBEMATE_PROBE_ID',
  runId: 'KUBEMATE_PROBE_RUN_ID',
} as const;

/**
 * Reports a job probe's outcome to Kubemate from inside its container:
 *
 * ```ts
 * const reporter = ProbeReporter.fromEnv(process.env);
 * if (await checkSomething()) await reporter.reportSuccess(['all good']);
 * else await reporter.reportFailure(['checkout answered 502']);
 * ```
 */
export class ProbeReporter {
  constructor(
    private readonly options: {
      reportUrl: string;
      reportKey: string;
      token: string;
      fetch?: typeof fetch;
    },
  ) {}

  /** From the variables Kubemate sets on the Job (`PROBE_ENV`); throws naming a missing one. */
  static fromEnv(
    env: Record<string, string | undefined>,
    fetchImpl?: typeof fetch,
  ): ProbeReporter {
    const need = (name: string) => {
      const value = env[name];
      if (!value)
        throw new Error(`${name} is not set: is this a Kubemate job probe?`);
      return value;
    };
    return new ProbeReporter({
      reportUrl: need(PROBE_ENV.reportUrl),
      reportKey: need(PROBE_ENV.reportKey),
      token: need(PROBE_ENV.token),
      fetch: fetchImpl,
    });
  }

  reportSuccess(messages: string[] = []): Promise<void> {
    return this.report('passed', messages);
  }

  reportFailure(messages: string[]): Promise<void> {
    return this.report('failed', messages);
  }

  private async report(status: 'passed' | 'failed', messages: string[]) {
    const response = await (this.options.fetch ?? fetch)(
      this.options.reportUrl,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Authorization: `Bearer ${this.options.token}`,
        },
        body: JSON.stringify({ key: this.options.reportKey, status, messages }),
      },
    );
    if (!response.ok) {
      throw new Error(
        `Kubemate refused the report: HTTP ${
          response.status
        } ${await response.text()}`,
      );
    }
  }
}
