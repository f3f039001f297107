import {
  buildReleaseRequest,
  DEFAULT_FORM,
  parseGateProbes,
  parseStepWeights,
  type ReleaseForm,
} from './startReleaseForm';

const form = (over: Partial<ReleaseForm> = {}): ReleaseForm => ({
  ...DEFAULT_FORM,
  cluster: 'kubemate-sim',
  namespace: 'bank-payments',
  service: 'payments-api',
  stable: 'payments-api-v1',
  canary: 'payments-api-v2',
  ...over,
});

describe('the start-a-release form', () => {
  it('reads step weights separated by commas or spaces, rising, 1 to 100', () => {
    expect(parseStepWeights('10, 25 50')).toEqual({ value: [10, 25, 50] });
    expect(parseStepWeights('').error).toMatch(/at least one/);
    expect(parseStepWeights('10, 0').error).toMatch(/"0" is not/);
    expect(parseStepWeights('10, 101').error).toMatch(/"101" is not/);
    expect(parseStepWeights('50, 10').error).toMatch(/rise/);
    expect(parseStepWeights('1.5').error).toMatch(/whole number/);
  });

  it('reads gate probes as ids, once each, and puts them in the plan only when given', () => {
    expect(parseGateProbes(' a-1, b  a-1 ')).toEqual({ value: ['a-1', 'b'] });
    expect(parseGateProbes('Bad_Id').error).toMatch(
      /"Bad_Id" is not a probe id/,
    );
    expect(
      parseGateProbes(Array.from({ length: 21 }, (_, i) => `p${i}`).join(','))
        .error,
    ).toMatch(/at most 20/);
    expect(
      buildReleaseRequest(form({ gateProbes: 'payments-canary-endpoints' }))
        .request?.plan.gateProbes,
    ).toEqual(['payments-canary-endpoints']);
    expect(buildReleaseRequest(form()).request?.plan).not.toHaveProperty(
      'gateProbes',
    );
    expect(buildReleaseRequest(form({ gateProbes: 'x y!' })).errors).toEqual({
      gateProbes: expect.stringMatching(/"y!" is not a probe id/),
    });
  });

  it('builds a gray release with the success rate as a ratio', () => {
    const { errors, request } = buildReleaseRequest(
      form({ stepWeights: '10,50', intervalSeconds: '600' }),
    );
    expect(errors).toEqual({});
    expect(request).toEqual({
      cluster: 'kubemate-sim',
      namespace: 'bank-payments',
      service: 'payments-api',
      stable: 'payments-api-v1',
      canary: 'payments-api-v2',
      strategy: 'gray',
      plan: {
        stepWeights: [10, 50],
        intervalSeconds: 600,
        thresholds: { minSuccessRate: 0.99, maxP99LatencyMs: 500 },
        minRequests: 20,
        failedChecksToAbort: 1,
        autoPromote: false,
      },
    });
  });

  it('builds a header canary without weights from its iterations', () => {
    const { request } = buildReleaseRequest(
      form({
        strategy: 'canary',
        steps: 'none',
        iterations: '3',
        intervalSeconds: '2',
        minSuccessPercent: '98',
        maxP99Ms: '400',
        minRequests: '5',
      }),
    );
    expect(request?.match).toEqual({
      headers: [{ name: 'x-canary', value: 'yes' }],
    });
    expect(request?.plan).toEqual({
      iterations: 3,
      intervalSeconds: 2,
      thresholds: { minSuccessRate: 0.98, maxP99LatencyMs: 400 },
      minRequests: 5,
      failedChecksToAbort: 1,
      autoPromote: false,
    });
  });

  it('matches a cookie when asked', () => {
    const { request } = buildReleaseRequest(
      form({
        strategy: 'canary',
        matchKind: 'cookie',
        matchName: 'beta',
        matchValue: 'on',
      }),
    );
    expect(request?.match).toEqual({
      cookies: [{ name: 'beta', value: 'on' }],
    });
    expect(request?.plan.stepWeights).toEqual([10, 25, 50]);
  });

  it('asks for sticky sessions with the cookie named', () => {
    expect(
      buildReleaseRequest(form({ sticky: true, stickyCookie: 'beta-user' }))
        .request?.sticky,
    ).toEqual({ cookie: 'beta-user' });
    expect(buildReleaseRequest(form()).request).not.toHaveProperty('sticky');
    expect(
      buildReleaseRequest(form({ sticky: true, stickyCookie: 'a b' })).errors
        .stickyCookie,
    ).toMatch(/cookie name/);
  });

  it('says what is wrong, field by field, and builds nothing', () => {
    const { errors, request } = buildReleaseRequest(
      form({
        canary: 'payments-api-v1',
        strategy: 'canary',
        matchName: 'bad header',
        matchValue: ' ',
        steps: 'size',
        stepSize: '60',
        maxWeight: '50',
        intervalSeconds: '0',
        minSuccessPercent: '101',
        maxP99Ms: 'fast',
        failedChecksToAbort: '',
      }),
    );
    expect(request).toBeUndefined();
    expect(errors).toEqual({
      canary: 'must differ from the stable version',
      matchName: expect.stringMatching(/header name/),
      matchValue: 'required',
      stepSize: 'must not exceed the maximum weight',
      intervalSeconds: 'a whole number from 1 to 86400',
      minSuccessPercent: 'a number from 0 to 100',
      maxP99Ms: 'a number from 1 to 600000',
      failedChecksToAbort: 'a whole number from 1 to 100',
    });
    expect(buildReleaseRequest(form({ steps: 'none' })).errors.steps).toMatch(
      /gray release moves by weight/,
    );
    expect(
      buildReleaseRequest(form({ strategy: 'canary', steps: 'none' })).errors
        .iterations,
    ).toMatch(/whole number/);
  });
});
