import { conditionProblem, staleStatus } from './conditionWords';

describe('route conditions in plain words', () => {
  it('explains what a failed condition means, and says nothing of a good one', () => {
    expect(
      conditionProblem({
        type: 'ResolvedRefs',
        status: 'False',
        reason: 'BackendNotFound',
        message: 'Service "x" not found',
      }),
    ).toBe('A backend Service does not exist.');
    expect(
      conditionProblem({
        type: 'Accepted',
        status: 'True',
        reason: 'Accepted',
      }),
    ).toBeUndefined();
    // Conflicted=True is the problem, False is fine.
    expect(
      conditionProblem({
        type: 'Conflicted',
        status: 'True',
        reason: 'HostnameConflict',
      }),
    ).toMatch(/same hostname/);
    expect(
      conditionProblem({ type: 'Conflicted', status: 'False' }),
    ).toBeUndefined();
    // An unknown reason falls back to the implementation's message.
    expect(
      conditionProblem({
        type: 'Accepted',
        status: 'False',
        reason: 'Vendor',
        message: 'vendor says no',
      }),
    ).toBe('vendor says no');
  });

  it('tells when the status is behind the spec', () => {
    const conditions = [
      { type: 'Accepted', status: 'True', observedGeneration: 2 },
      { type: 'ResolvedRefs', status: 'True', observedGeneration: 3 },
    ];
    expect(staleStatus(conditions, 3)).toMatch(
      /generation 2; the spec is at 3/,
    );
    expect(staleStatus(conditions, 2)).toBeUndefined();
    expect(staleStatus(conditions, undefined)).toBeUndefined();
  });
});
