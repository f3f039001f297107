import { mockServices } from '@backstage/backend-test-utils';
import { stringify } from 'yaml';
import type {
  AuditEvent,
  AuditLogStore,
  AuditOutcome,
} from '../audit/AuditLogStore';
import { AuditTrail } from '../audit/AuditTrail';
import { REDACTED, redactSecretYaml } from './redactSecret';
import { SecretReadAudit } from './SecretReadAudit';

const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'smtp',
    namespace: 'erp-finance',
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration':
        '{"data":{"password":"aHVudGVyMg=="}}',
    },
  },
  data: { password: 'aHVudGVyMg==' },
  stringData: { user: 'mailer' },
};

/** An audit store in memory; `failing` makes every write throw. */
function memoryStore(failing = false) {
  const events: AuditEvent[] = [];
  const store: AuditLogStore = {
    async record(e) {
      if (failing) throw new Error('database down');
      events.push(e);
    },
    async begin(intent) {
      if (failing) throw new Error('database down');
      events.push({ ...intent, result: 'pending' });
      return String(events.length - 1);
    },
    async complete(id: string, outcome: AuditOutcome) {
      Object.assign(events[Number(id)], outcome);
    },
    async list() {
      return { items: [], total: 0 };
    },
  };
  return { store, events };
}

describe('redactSecretYaml', () => {
  it('redacts each Secret document and leaves other YAML as it is', () => {
    const redacted = redactSecretYaml(stringify(secret))!;
    expect(redacted).not.toMatch(/aHVudGVyMg|mailer/);
    expect(redacted).toMatch(/password: <redacted>/);
    expect(redacted).toMatch(/user: <redacted>/);
    const configMap = stringify({ kind: 'ConfigMap', data: { a: 'b' } });
    expect(redactSecretYaml(configMap)).toBe(configMap);
    const two = `${configMap}---\n${stringify(secret)}`;
    expect(redactSecretYaml(two)).not.toMatch(/aHVudGVyMg/);
    expect(redactSecretYaml(two)).toMatch(/a: b/);
    expect(redactSecretYaml(undefined)).toBeUndefined();
  });

  it('never passes on unparsable text that mentions a Secret', () => {
    expect(redactSecretYaml('kind: Secret\ndata: [unclosed')).toBe(REDACTED);
  });
});

describe('the audit trail', () => {
  it('stores no Secret values, whatever YAML its callers pass', async () => {
    const { store, events } = memoryStore();
    const trail = new AuditTrail({
      store,
      auditor: mockServices.auditor.mock(),
    });
    const event = {
      actor: 'user:default/alice',
      kind: 'Secret',
      name: 'smtp',
      operation: 'annotate',
      beforeYaml: stringify(secret),
    };
    await trail.run(event, undefined, async () => secret, stringify);
    await trail.denied(event, new Error('no'));
    await trail.read(event);
    expect(events).toHaveLength(3);
    expect(JSON.stringify(events)).not.toMatch(/aHVudGVyMg|mailer/);
    expect(events[0].afterYaml).toMatch(/password: <redacted>/);
    expect(events.map(e => e.result)).toEqual([
      'succeeded',
      'denied',
      'succeeded',
    ]);
  });

  it('refuses (503) a read it cannot record', async () => {
    const trail = new AuditTrail({
      store: memoryStore(true).store,
      auditor: mockServices.auditor.mock(),
    });
    await expect(
      trail.read({ actor: 'user:default/a', operation: 'secret-read' }),
    ).rejects.toMatchObject({ name: 'ServiceUnavailableError' });
  });
});

describe('SecretReadAudit', () => {
  const caller = (actor: string) => ({
    actor,
    entityRef: 'component:default/erp',
    credentials: {} as never,
  });

  it('records a read once per user, entity and Secret versions, again after the window', async () => {
    const { store, events } = memoryStore();
    let now = 0;
    const reads = new SecretReadAudit(
      new AuditTrail({ store, auditor: mockServices.auditor.mock() }),
      { windowMs: 60_000, now: () => now },
    );
    const alice = caller('user:default/alice');
    const v1 = ['sim/erp-finance/smtp@10'];
    // A live page refreshes its answer on every change: one record, not one per refresh.
    for (let i = 0; i < 5; i++) {
      now += 1_000;
      await reads.served(alice, 'workloads', v1);
    }
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actor: 'user:default/alice',
      entityRef: 'component:default/erp',
      kind: 'Secret',
      operation: 'secret-read',
      result: 'succeeded',
      parameters: { via: 'workloads', count: 1, secrets: v1 },
    });
    // New values served, another user, another way of reading: each on record.
    await reads.served(alice, 'workloads', ['sim/erp-finance/smtp@11']);
    await reads.served(caller('user:default/bob'), 'workloads', v1);
    await reads.served(alice, 'yaml', v1);
    expect(events).toHaveLength(4);
    // Nothing served, nothing recorded.
    await reads.served(alice, 'workloads', []);
    expect(events).toHaveLength(4);
    // The same values still on screen after the window: recorded again.
    now += 60_000;
    await reads.served(alice, 'workloads', ['sim/erp-finance/smtp@11']);
    expect(events).toHaveLength(5);
  });

  it('records every refusal', async () => {
    const { store, events } = memoryStore();
    const reads = new SecretReadAudit(
      new AuditTrail({ store, auditor: mockServices.auditor.mock() }),
    );
    const target = {
      cluster: 'sim',
      namespace: 'erp-finance',
      kind: 'Secret',
      name: 'smtp',
    };
    for (let i = 0; i < 2; i++) {
      await reads.refused(
        caller('user:default/eve'),
        'yaml',
        target,
        new Error("Missing permission 'kubemate.workload.secret.read'"),
      );
    }
    expect(events).toHaveLength(2);
    expect(events[1]).toMatchObject({
      ...target,
      operation: 'secret-read',
      result: 'denied',
      parameters: { via: 'yaml' },
    });
  });

  it('forgets the oldest readers beyond its bound (one more record, never fewer)', async () => {
    const { store, events } = memoryStore();
    const reads = new SecretReadAudit(
      new AuditTrail({ store, auditor: mockServices.auditor.mock() }),
      { maxEntries: 2 },
    );
    const v = ['sim/ns/s@1'];
    for (const who of ['a', 'b', 'c', 'a']) {
      await reads.served(caller(`user:default/${who}`), 'workloads', v);
    }
    expect(events).toHaveLength(4);
  });
});
