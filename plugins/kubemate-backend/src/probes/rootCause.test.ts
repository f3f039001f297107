import { rootCauseHint } from './rootCause';

const event = (reason: string, message: string) => ({
  type: 'Warning',
  reason,
  message,
  object: 'Pod/kmp-x-1',
});

describe('root-cause hints', () => {
  it.each([
    [
      'image-pull',
      [event('Failed', 'Error: ErrImagePull')],
      'wait Ready: not Ready after 60 s',
    ],
    [
      'quota-exceeded',
      [
        event(
          'FailedCreate',
          'Error creating: pods "kmp-x-1" is forbidden: exceeded quota: compute, requested: cpu=10m',
        ),
      ],
      'wait Ready: not Ready after 60 s (no pod created)',
    ],
    [
      'scheduling',
      [
        event(
          'FailedScheduling',
          '0/3 nodes are available: 3 Insufficient cpu.',
        ),
      ],
      'wait Ready: not Ready after 60 s',
    ],
    [
      'readiness-timeout',
      [],
      'wait Ready: not Ready after 60 s (pods Running)',
    ],
    ['api-error', [], 'create ConfigMap: HTTP 403: forbidden'],
    ['routing', [], 'check answer: status 404, expected 200: not found'],
  ])('%s', (id, events, message) => {
    expect(rootCauseHint({ message, events })?.id).toBe(id);
  });

  it('has no hint for what no rule knows', () => {
    expect(
      rootCauseHint({
        message: 'check answer: the body does not match /ok/',
        events: [],
      }),
    ).toBeUndefined();
  });
});
