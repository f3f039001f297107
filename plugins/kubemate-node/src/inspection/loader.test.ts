import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RuleLoadError } from './errors';
import { loadRulePack, loadRulesFromFiles, parseRuleFile } from './loader';

const valid = `id: test-rule
version: 1
title: Test rule
category: security
severity: high
target:
  kinds: [PodSpec]
  perContainer: true
condition: container.?securityContext.?privileged.orValue(false) == true
description: d
remediation: r
`;

function problemsOf(text: string, file = 'rules/test.yaml') {
  try {
    parseRuleFile(text, file);
  } catch (e) {
    expect(e).toBeInstanceOf(RuleLoadError);
    return (e as RuleLoadError).problems;
  }
  throw new Error('expected a RuleLoadError');
}

describe('parseRuleFile', () => {
  it('parses and compiles a valid rule', () => {
    const [rule] = parseRuleFile(valid, 'rules/test.yaml');
    expect(rule.definition).toMatchObject({
      id: 'test-rule',
      version: '1',
      category: 'security',
      severity: 'high',
    });
    expect(rule.definition.target).toMatchObject({
      podSpec: true,
      perContainer: true,
      initContainers: false,
    });
    expect(rule.kinds).toContain('Deployment');
    expect(rule.kinds).toContain('CronJob');
    expect(rule.source).toEqual({
      file: 'rules/test.yaml',
      line: 1,
      pack: undefined,
    });
  });

  it('reads several rules from a pack file', () => {
    const rules = parseRuleFile(
      `${valid}---\n${valid.replace('test-rule', 'second')}`,
      'pack.yaml',
    );
    expect(rules.map(r => [r.definition.id, r.source.line])).toEqual([
      ['test-rule', 1],
      ['second', 13],
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const [p] = problemsOf('id: x\ntitle: [unclosed\nversion: 1\n');
    expect(p.file).toBe('rules/test.yaml');
    expect(p.reason).toMatch(/YAML syntax error/);
    expect(p.line).toBeGreaterThanOrEqual(2);
  });

  it('reports missing fields', () => {
    const problems = problemsOf(
      valid.replace('title: Test rule\n', '').replace('remediation: r\n', ''),
    );
    expect(problems.map(p => [p.field, p.reason])).toEqual([
      ['title', 'is required'],
      ['remediation', 'is required'],
    ]);
  });

  it('reports unknown category and severity at their line', () => {
    const problems = problemsOf(
      valid
        .replace('category: security', 'category: secrity')
        .replace('severity: high', 'severity: critical'),
    );
    expect(problems).toEqual([
      expect.objectContaining({
        line: 4,
        field: 'category',
        reason: expect.stringContaining('unknown category "secrity"'),
      }),
      expect.objectContaining({
        line: 5,
        field: 'severity',
        reason: expect.stringContaining('unknown severity "critical"'),
      }),
    ]);
  });

  it('reports unknown fields (typos) at their line', () => {
    const problems = problemsOf(
      valid
        .replace('description: d', 'descripton: d\ndescription: d')
        .replace('  perContainer: true', '  perContainers: true'),
    );
    expect(problems.map(p => [p.line, p.field])).toEqual([
      [8, 'target.perContainers'],
      [10, 'descripton'],
    ]);
  });

  it('reports CEL syntax errors at the line inside a block scalar', () => {
    const text = valid.replace(
      /condition: .*\n/,
      'condition: |-\n  object.spec.replicas > 1 &&\n  object.spec.(\n',
    );
    const [p] = problemsOf(text);
    expect(p).toMatchObject({ line: 11, field: 'condition' });
    expect(p.reason).toMatch(/^CEL syntax error/);
  });

  it('reports CEL type errors and non-bool conditions', () => {
    expect(
      problemsOf(
        valid.replace(/condition: .*/, 'condition: unknownVar > 1'),
      )[0],
    ).toMatchObject({
      line: 9,
      field: 'condition',
      reason: expect.stringMatching(/CEL type error: .*unknownVar/),
    });
    expect(
      problemsOf(valid.replace(/condition: .*/, 'condition: size(object)'))[0]
        .reason,
    ).toMatch(/must evaluate to bool/);
    expect(problemsOf(`${valid}observed: noSuchFn(object)\n`)[0]).toMatchObject(
      { field: 'observed', line: 12 },
    );
  });

  it('reports invalid templates and targets', () => {
    expect(
      problemsOf(`${valid}fix: kubectl -n {{ .namespce }} delete pod\n`)[0],
    ).toMatchObject({
      field: 'fix',
      reason: expect.stringContaining('unknown placeholder "{{ .namespce }}"'),
    });
    expect(
      problemsOf(valid.replace('kinds: [PodSpec]', 'kinds: [Service]'))[0],
    ).toMatchObject({
      field: 'target.perContainer',
    });
  });

  it('rejects duplicate rule ids', () => {
    const problems = problemsOf(`${valid}---\n${valid}`);
    expect(problems[0].reason).toMatch(
      /duplicate rule id "test-rule" \(first defined at rules\/test.yaml:1\)/,
    );
  });

  it('formats every problem with file and line in the error message', () => {
    expect(() =>
      parseRuleFile(
        valid.replace('severity: high', 'severity: urgent'),
        'a.yaml',
      ),
    ).toThrow(/a\.yaml:5: severity: unknown severity "urgent"/);
  });
});

describe('loadRulePack / loadRulesFromFiles', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubemate-rules-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads every yaml file of a directory as a named pack', () => {
    fs.writeFileSync(path.join(dir, 'a.yaml'), valid);
    fs.writeFileSync(
      path.join(dir, 'b.yml'),
      valid.replace('test-rule', 'other'),
    );
    fs.writeFileSync(path.join(dir, 'README.md'), '# not a rule');
    const pack = loadRulePack(dir, { pack: 'custom' });
    expect(pack.name).toBe('custom');
    expect(pack.rules.map(r => [r.definition.id, r.source.pack])).toEqual([
      ['test-rule', 'custom'],
      ['other', 'custom'],
    ]);
  });

  it('collects problems from all files before throwing', () => {
    const a = path.join(dir, 'a.yaml');
    const b = path.join(dir, 'b.yaml');
    fs.writeFileSync(a, valid.replace('version: 1', 'version: -3'));
    fs.writeFileSync(b, valid.replace('category: security', 'category: nope'));
    let error: RuleLoadError | undefined;
    try {
      loadRulesFromFiles([a, b, path.join(dir, 'missing.yaml')]);
    } catch (e) {
      error = e as RuleLoadError;
    }
    expect(error?.problems.map(p => [path.basename(p.file), p.line])).toEqual([
      ['a.yaml', 2],
      ['b.yaml', 4],
      ['missing.yaml', 1],
    ]);
  });
});
