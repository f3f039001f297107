import {
  parentOptionKey,
  parentOptions,
  parentRefLabel,
} from './parentOptions';

const cluster = {
  gateways: [
    {
      namespace: 'bank-payments',
      name: 'bank-payments-gateway',
      conditions: [],
      listeners: [
        {
          name: 'https',
          port: 443,
          hostname: '*.payments.bank.example.com',
          conditions: [],
        },
      ],
    },
    {
      namespace: 'other',
      name: 'gw',
      conditions: [],
      listeners: [{ name: 'http', port: 80, conditions: [] }],
    },
  ],
  services: [
    {
      namespace: 'bank-payments',
      name: 'payments-api',
      ports: [{ name: 'http', port: 8080 }],
    },
  ],
};

describe('parentOptions', () => {
  it("offers the listeners of the namespace's Gateways and the ports of its Services", () => {
    expect(parentOptions(cluster, 'bank-payments')).toEqual([
      {
        key: 'Gateway//bank-payments-gateway/https/443',
        label:
          'Gateway bank-payments-gateway · listener https :443 (*.payments.bank.example.com)',
        ref: {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: 'bank-payments-gateway',
          sectionName: 'https',
          port: 443,
        },
      },
      {
        key: 'Service//payments-api//8080',
        label: 'Service payments-api :8080 (http)',
        ref: { group: '', kind: 'Service', name: 'payments-api', port: 8080 },
      },
    ]);
  });

  it('keys and labels a parentRef written by hand', () => {
    const ref = { name: 'gw', sectionName: 'web' };
    expect(parentOptionKey(ref)).toBe('Gateway//gw/web/');
    expect(parentRefLabel(ref)).toBe('Gateway gw · listener web');
  });
});
