import type { RuleProblem } from '@kubemate/plugin-kubemate-node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  loadProbeDirectory,
  parseProbeFile,
  ProbeLoadError,
} from './definitions';

const VALID = `apiVersion: kubemate.io/v1alpha1
kind: Probe
id: rollout
title: Deployments roll out
type: workload-lifecycle
cluster: sim
namespace: kubemate-probes
schedule:
  intervalSeconds: 60
  onChange: true
  watchNamespaces: [bank-core]
---
apiVersion: kubemate.io/v1alpha1
kind: Probe
id: shop-http
title: The shop answers through its gateway
type: http
cluster: sim
namespace: shop
params:
  url: http://127.0.0.1:9000/health
  host: shop.example.com
  bodyMatch: ok
`;

describe('probe files', () => {
  it('reads valid probes with their defaults and the line each starts at', () => {
    const problems: RuleProblem[] = [];
    const probes = parseProbeFile(VALID, 'probes.yaml', problems);
    expect(problems).toEqual([]);
    expect(probes.map(p => [p.definition.id, p.source])).toEqual([
      ['rollout', 'probes.yaml:1'],
      ['shop-http', 'probes.yaml:13'],
    ]);
    expect(probes[0].definition).toMatchObject({
      severity: 'medium',
      timeoutSeconds: 60,
      entityRefs: [],
      params: { workload: 'Deployment', scaleTo: 2 },
    });
    expect(probes[1].definition).toMatchObject({
      params: { method: 'GET', expectStatus: [200] },
    });
  });

  it('names the file and line of every problem, down to the field', () => {
    const text = `apiVersion: kubemate.io/v1alpha1
kind: Probe
id: Bad_Id
title: too often
type: api-roundtrip
cluster: sim
namespace: ns
schedule:
  intervalSeconds: 5
colour: blue
---
apiVersion: kubemate.io/v1alpha1
kind: Probe
id: endpoints
title: no service named
type: service-endpoints
cluster: sim
namespace: ns
params:
  minReady: 0
---
kind: Rule
id: x
---
id: [unclosed
`;
    const problems: RuleProblem[] = [];
    expect(parseProbeFile(text, 'bad.yaml', problems)).toEqual([]);
    const lines = problems.map(p => [p.line, p.field]);
    expect(lines).toEqual(
      expect.arrayContaining([
        [3, 'id'],
        [9, 'schedule.intervalSeconds'],
        [10, 'colour'],
        [20, 'params.service'],
        [20, 'params.minReady'],
        [22, 'kind'],
      ]),
    );
    expect(problems.find(p => p.field === 'colour')?.reason).toBe(
      "unknown field 'colour'",
    );
    expect(problems.some(p => /YAML syntax error/.test(p.reason))).toBe(true);
  });

  it('loads a directory, refusing duplicate ids and unknown clusters in one error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probes-'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), VALID);
    expect(loadProbeDirectory(dir, ['sim'])).toHaveLength(2);
    fs.writeFileSync(
      path.join(dir, 'b.yml'),
      VALID.replace(/cluster: sim/g, 'cluster: prod'),
    );
    let error: unknown;
    try {
      loadProbeDirectory(dir, ['sim']);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProbeLoadError);
    const message = (error as Error).message;
    expect(message).toMatch(/^4 problems in probe files:/);
    expect(message).toContain(
      `${path.join(
        dir,
        'b.yml',
      )}:1: id: duplicate probe id "rollout" (first defined at ${path.join(
        dir,
        'a.yaml',
      )}:1)`,
    );
    expect(message).toContain(
      `${path.join(
        dir,
        'b.yml',
      )}:18: cluster: unknown cluster "prod" (known: sim)`,
    );
  });

  it('accepts the demo probes of examples/probes', () => {
    const demo = loadProbeDirectory(
      path.resolve(__dirname, '../../../../examples/probes'),
      ['kubemate-sim'],
    );
    expect(demo.length).toBeGreaterThanOrEqual(5);
  });
});
