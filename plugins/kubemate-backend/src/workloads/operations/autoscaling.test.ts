import { metricsWith } from './autoscaling';

const cpuValue = {
  type: 'Resource',
  resource: { name: 'cpu', target: { type: 'AverageValue' } },
};
const memoryUtil = {
  type: 'Resource',
  resource: {
    name: 'memory',
    target: { type: 'Utilization', averageUtilization: 70 },
  },
};
const rps = { type: 'Pods', pods: { metric: { name: 'rps' } } };
const bounds = { minReplicas: 1, maxReplicas: 3 };

describe('metricsWith', () => {
  it('sets a target in place of any other on that resource, keeping other metrics in order', () => {
    expect(
      metricsWith([cpuValue, rps, memoryUtil] as never, {
        ...bounds,
        cpuUtilization: 50,
      }),
    ).toEqual([
      rps,
      memoryUtil,
      {
        type: 'Resource',
        resource: {
          name: 'cpu',
          target: { type: 'Utilization', averageUtilization: 50 },
        },
      },
    ]);
  });

  it('removes only a utilisation target on null, and leaves absent ones alone', () => {
    expect(
      metricsWith([cpuValue, rps, memoryUtil] as never, {
        ...bounds,
        cpuUtilization: null,
        memoryUtilization: null,
      }),
    ).toEqual([cpuValue, rps]);
    expect(metricsWith([cpuValue, memoryUtil] as never, bounds)).toEqual([
      cpuValue,
      memoryUtil,
    ]);
  });
});
