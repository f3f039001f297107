import {
  createServiceFactory,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  signalsServiceRef,
  type SignalPayload,
} from '@backstage/plugin-signals-node';
import type { Simulator } from '@kubemate/kube-simulator';
import request from 'supertest';
import { gunzipSync } from 'node:zlib';
import {
  componentWithId,
  startKubemateBackend,
  startSeededSimulator,
} from '../__testUtils__/simulatorBackend';

jest.setTimeout(60_000);

/** Keeps a response's bytes as they came, instead of superagent's parsed body. */
const rawBody = (
  response: unknown,
  done: (err: Error | null, body: Buffer) => void,
) => {
  const res = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

const URL =
  '/api/kubemate/entities/component/default/accounts-service/workloads';
const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';

/** Only Alice may read Secret values; everyone may read workloads. */
const permissions = mockServices.permissions.mock({
  authorize: async (requests, options) =>
    requests.map(r => ({
      result:
        r.permission.name !== 'kubemate.workload.secret.read' ||
        (
          options?.credentials as BackstageCredentials<{
            userEntityRef?: string;
          }>
        )?.principal?.userEntityRef === ALICE
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    })),
}).factory;

describe('the workloads answer: kept, revalidated, compressed and signalled', () => {
  let sim: Simulator;
  const published: SignalPayload[] = [];
  const signals = createServiceFactory({
    service: signalsServiceRef,
    deps: {},
    factory: () => ({
      publish: async (p: SignalPayload) => {
        published.push(p);
      },
    }),
  });

  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it('answers If-None-Match with 304, sends gzip when accepted, and changes its ETag with the cluster', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [componentWithId('accounts-service')],
      permissions,
      features: [signals],
    });
    const as = (user: string) => mockCredentials.user.header(user);

    const first = await request(tb.server)
      .get(URL)
      .set('Authorization', as(BOB))
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^"[\w-]+-gz"$/);
    expect(first.body.clusters[0].resources.deployments.length).toBeGreaterThan(
      0,
    );

    const again = await request(tb.server)
      .get(URL)
      .set('Authorization', as(BOB))
      .set('Accept-Encoding', 'gzip')
      .set('If-None-Match', etag)
      .expect(304);
    expect(again.text ?? '').toBe('');

    const plain = await request(tb.server)
      .get(URL)
      .set('Authorization', as(BOB))
      .set('Accept-Encoding', 'identity')
      .buffer(true)
      .parse(rawBody)
      .expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.etag).toBe(etag.replace(/-gz"$/, '"'));
    const raw = await request(tb.server)
      .get(URL)
      .set('Authorization', as(BOB))
      .set('Accept-Encoding', 'gzip')
      .buffer(true)
      .parse(rawBody);
    // superagent may already have inflated it; compare decoded JSON either way.
    const decoded = (b: Buffer) =>
      JSON.parse((b[0] === 0x1f ? gunzipSync(b) : b).toString());
    expect(decoded(raw.body)).toEqual(decoded(plain.body));

    // A change to the entity's Deployment: a new answer, and a signal to its reader only.
    const deployment = sim.store.get(
      'apps/deployments',
      'bank-core',
      'accounts-service',
    )!;
    sim.apply([
      {
        ...deployment,
        metadata: {
          ...deployment.metadata,
          annotations: {
            ...deployment.metadata.annotations,
            'example.com/touched': 'yes',
          },
        },
      },
    ]);
    let status = 304;
    for (let i = 0; i < 50 && status === 304; i++) {
      await new Promise(resolve => setTimeout(resolve, 100));
      status = (
        await request(tb.server)
          .get(URL)
          .set('Authorization', as(BOB))
          .set('If-None-Match', etag)
      ).status;
    }
    expect(status).toBe(200);
    expect(published.length).toBeGreaterThan(0);
    expect(published[0]).toEqual({
      recipients: { type: 'user', entityRef: [BOB] },
      channel: 'kubemate:entity:component:default:accounts-service',
      message: { type: 'changed', version: expect.any(Number) },
    });
    await tb.stop();
  });

  it('never hands Secret values to anyone, whatever they may read', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [componentWithId('payments-api')],
      permissions,
      features: [signals],
    });
    const secretsOf = async (user: string) => {
      const res = await request(tb.server)
        .get(URL.replace('accounts-service', 'payments-api'))
        .set('Authorization', mockCredentials.user.header(user))
        .expect(200);
      const secrets = res.body.clusters[0].resources.secrets as Array<{
        data?: Record<string, string>;
        dataSizes?: Record<string, number>;
      }>;
      return {
        hidden: res.body.secretValuesHidden as boolean,
        values: secrets.flatMap(s => Object.values(s.data ?? {})),
        sizes: secrets.flatMap(s => Object.values(s.dataSizes ?? {})),
      };
    };
    // Alice may reveal Secret values, Bob may not: both get the same answer, sizes only.
    const alice = await secretsOf(ALICE);
    const bob = await secretsOf(BOB);
    for (const answer of [alice, bob]) {
      expect(answer.hidden).toBe(true);
      expect(answer.values.length).toBeGreaterThan(0);
      expect(answer.values.every(v => v === '')).toBe(true);
      expect(answer.sizes.some(n => n > 0)).toBe(true);
    }
    expect(bob).toEqual(alice);
    await tb.stop();
  });
});
