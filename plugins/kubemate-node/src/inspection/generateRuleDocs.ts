/* eslint-disable no-console */
/**
 * Generates docs/rules.md from the built-in rule pack and profiles.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs \
 *     plugins/kubemate-node/src/inspection/generateRuleDocs.ts
 *
 * A test fails when the committed file is out of date.
 */
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'node:fs';
import path from 'node:path';
import { loadBaselineRulePack, loadBuiltinProfiles } from './builtin';
import { builtinFunctions, RULE_VARIABLES } from './environment';
import { InspectionRule } from './loader';
import { InspectionProfile } from './profiles';
import { SEVERITY_WEIGHTS } from './score';
import { TEMPLATE_VARIABLES } from './template';
import { KUBE_SCORE_CHECKS, POLARIS_CHECKS, ToolCheck } from './toolChecks';
import { POD_SPEC_KINDS, RULE_CATEGORIES, RuleTarget } from './types';

/** Path of the generated reference in the repository. */
export const RULE_DOCS_PATH = resolvePackagePath(
  '@kubemate/plugin-kubemate-node',
  '../../docs/rules.md',
);

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function targetText(t: RuleTarget): string {
  const parts = [t.kinds.join(', ')];
  if (t.groups)
    parts.push(`groups: ${t.groups.map(g => g || 'core').join(', ')}`);
  if (t.apiVersions) parts.push(`apiVersions: ${t.apiVersions.join(', ')}`);
  if (t.podSpec && !t.kinds.includes('PodSpec')) parts.push('pod template');
  if (t.perContainer)
    parts.push(
      t.initContainers ? 'per container (incl. init)' : 'per container',
    );
  if (t.subject === 'involvedObject')
    parts.push('reported on the involved object');
  return parts.join('; ');
}

function ruleSection(rule: InspectionRule): string {
  const d = rule.definition;
  const lines = [
    `### \`${d.id}\``,
    '',
    `**${d.title}**`,
    '',
    `| | |`,
    `|---|---|`,
    `| Category | ${d.category} |`,
    `| Default severity | ${d.severity} |`,
    `| Target | ${cell(targetText(d.target))} |`,
    `| Version | ${d.version} |`,
  ];
  if (d.docs) lines.push(`| Docs | <${d.docs}> |`);
  const eq = d.equivalents;
  if (eq?.polaris.length || eq?.kubeScore.length) {
    const names = [
      ...(eq.polaris.length ? [`Polaris ${eq.polaris.join(', ')}`] : []),
      ...(eq.kubeScore.length ? [`kube-score ${eq.kubeScore.join(', ')}`] : []),
    ];
    lines.push(`| Covers | ${cell(names.join('; '))} |`);
  }
  lines.push('', d.description.trim(), '');
  if (d.match)
    lines.push('Applies when:', '', '```cel', d.match.trim(), '```', '');
  lines.push('Fails when:', '', '```cel', d.condition.trim(), '```', '');
  const params = Object.entries(d.params);
  if (params.length) {
    lines.push('| Parameter | Default |', '|---|---|');
    for (const [k, v] of params)
      lines.push(`| \`${k}\` | \`${cell(JSON.stringify(v))}\` |`);
    lines.push('');
  }
  lines.push(`**Remediation:** ${d.remediation.trim()}`, '');
  if (d.fix) lines.push('Fix snippet:', '', '```sh', d.fix.trim(), '```', '');
  return lines.join('\n');
}

function profileTable(profiles: Map<string, InspectionProfile>): string {
  const rows = [...profiles.values()].map(p => {
    const sev = [
      ...Object.entries(p.severity.categories).map(([k, v]) => `${k}→${v}`),
      ...Object.entries(p.severity.rules).map(([k, v]) => `\`${k}\`→${v}`),
    ].join(', ');
    const params = Object.entries(p.params)
      .map(
        ([id, o]) =>
          `\`${id}\`: ${Object.entries(o)
            .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
            .join(', ')}`,
      )
      .join('; ');
    const excluded =
      p.rules.exclude?.ids?.map(i => `\`${i}\``).join(', ') ?? '';
    return `| \`${p.name}\` | ${p.extends ? `\`${p.extends}\`` : ''} | ${cell(
      p.description ?? '',
    )} | ${cell(sev)} | ${cell(params)} | ${excluded} |`;
  });
  return [
    '| Profile | Extends | Purpose | Severity overrides | Parameter overrides | Excluded rules |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

const HOW_TO_WRITE = `## How to write a rule

A rule is a YAML document (one per file, or several \`---\`-separated documents in a
pack file). Any directory of rule files can be loaded as a pack with
\`loadRulePack(dir)\` — rules are code: keep them in Git, review them, version them.

\`\`\`yaml
apiVersion: kubemate.io/v1alpha1   # optional
kind: InspectionRule               # optional; if present must be InspectionRule
id: container-cpu-limits-missing   # unique; letters, digits, . _ - (KM-SEC-001 style works too)
version: 1                         # bump when the meaning changes
title: CPU limits not set
category: efficiency               # ${RULE_CATEGORIES.join(' | ')}
severity: low                      # high | medium | low — the default; profiles override it
target:
  kinds: [PodSpec]                 # Kubernetes kinds, or PodSpec (= ${POD_SPEC_KINDS.join(
    ', ',
  )})
  # groups: [apps]                 # optional API group filter ("" = core)
  # apiVersions: [apps/v1]         # optional apiVersion filter
  perContainer: true               # one result per container (PodSpec targets only)
  # initContainers: true           # also check init containers
  # podSpec: true                  # pod-template mode for an explicit list of workload kinds
  # subject: involvedObject        # report Events on the object they are about
params:                            # defaults; profiles override them per rule
  example: 3
match: 'true'                      # optional CEL precondition: false = out of scope, no result
condition: '!container.?resources.?limits.?cpu.hasValue()'   # CEL; TRUE MEANS THE CHECK FAILS
observed: '"resources.limits.cpu: unset"'   # CEL; current value shown in the report
expected: '"resources.limits.cpu set"'      # CEL; expected value shown in the report
discriminator: object.reason       # optional CEL; extra stable fingerprint component
message: 'Container {{ .container }} of {{ .kind }} {{ .namespace }}/{{ .name }} has no CPU limit'
description: Why this matters.
remediation: What to do about it.
fix: kubectl -n {{ .namespace }} set resources {{ .resource }}/{{ .name }} -c {{ .container }} --limits=cpu=500m
docs: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
equivalents:                       # optional: checks of other tools this rule covers;
  polaris: [cpuLimitsMissing]      # their exemption annotations exempt from it too
  kube-score: [container-resources]
\`\`\`

**Semantics.** \`condition\` is evaluated once per object (or per container) and
**\`true\` means the check fails** and produces a finding; \`false\` is a pass. Any other
value, or an evaluation error (missing key, bad certificate, a function that throws),
produces an \`error\` result ("execution failed") for that object only — the run goes on.
\`observed\`, \`expected\` and \`discriminator\` are evaluated only for findings.

**PodSpec targets.** The rule sees the workload as \`object\` and its pod template as
\`podSpec\` / \`podMetadata\`, whatever the kind (CronJob templates are two levels deeper).
Objects controlled by another object (a Deployment's ReplicaSets and Pods, a CronJob's
Jobs) are skipped so a finding is reported once, on the object people edit. Rules about
live pod state (CrashLoopBackOff, OOMKilled) target \`Pod\` directly.

**Compilation.** Every CEL expression is parsed and type-checked once at load time.
A rule with a YAML error, a missing or unknown field, an unknown category or severity,
a CEL syntax or type error, or an unknown template placeholder fails to load with
\`file:line: field: reason\` (all problems of all files are reported together).

### CEL

CEL as implemented by \`@marcbachmann/cel-js\`, with optional types enabled:
\`object.?spec.?replicas.orValue(1)\`, \`list.exists(x, ...)\`, \`.all\`, \`.filter\`, \`.map\`,
\`has()\`, \`matches()\`, \`upperAscii()\`, \`split()\`, \`join()\`. Numbers from Kubernetes JSON and
YAML params are doubles; integer literals are ints; comparisons between them work, for
arithmetic write \`1.0\` or use \`int()\` / \`double()\`.

| Variable | Type | Meaning |
|---|---|---|
${Object.entries(RULE_VARIABLES)
  .map(([name, v]) => `| \`${name}\` | ${v.type} | ${v.description} |`)
  .join('\n')}

Functions (the registered code escape hatch; relational ones read an index of the
cluster built once per run, so they are map lookups, not scans):

| Function | Meaning |
|---|---|
${builtinFunctions
  .map(f => `| \`${f.signature}\` | ${cell(f.description ?? '')} |`)
  .join('\n')}

Custom functions: \`new RuleEnvironment({ functions: [{ signature: 'myCheck(map): bool',
handler: ({ index, now }, obj) => ... }] })\`, then pass \`{ environment }\` to the loader.

### Templates

\`message\` and \`fix\` are templates with Go-template-style placeholders \`{{ .path }}\`
(no logic). Available: ${TEMPLATE_VARIABLES.map(v => `\`.${v}\``).join(', ')}.
\`.resource\` is the lower-cased kind (for \`kubectl\`); \`.params.x\` is a parameter after
profile overrides; \`.podSpecPatchOpen\` / \`.podSpecPatchClose\` wrap a pod-spec JSON patch for
the kind at hand (\`{"spec":{"template":{"spec":\` … for Deployments, deeper for CronJobs,
\`{"spec":\` for Pods). Unknown placeholders fail at load time; missing values render empty.
`;

const PROFILES = (profiles: Map<string, InspectionProfile>) => `## Profiles

Severity, thresholds and exemptions live in profiles, not in rules.

\`\`\`yaml
apiVersion: kubemate.io/v1alpha1
kind: InspectionProfile
name: financial-prod
extends: financial                 # inherit and override
description: ...
rules:
  include: {ids: [...], categories: [...], packs: [...]}   # omitted = every loaded rule
  exclude: {ids: [...], categories: [...], packs: [...]}
severity:
  categories: {security: high}     # category override
  rules: {container-image-tag-latest: high}   # rule override (wins over category)
params:
  tls-secret-expiring: {daysBeforeExpiry: 60}  # unknown names or wrong types are an error
excludeNamespaces: [kube-system]   # not inspected at all, not reported
exemptions:                        # reported as "skipped" with the reason
  - rules: ['*']                   # rule ids or *
    namespaces: ['sandbox-*']      # * wildcards
    kinds: [DaemonSet]
    names: ['*-node-exporter']
    reason: vetted node agent
    expires: 2026-12-31            # optional
\`\`\`

Resources can also exempt themselves with the annotation
\`kubemate.io/inspection-exempt: "<comma-separated rule ids>"\` or \`"*"\` — on the object,
on a workload's pod template, or on a Namespace (applies to everything in it).

\`extends\` merges: the child's \`include\` replaces the parent's; excludes, excluded
namespaces and exemptions add up; severity and params overrides merge with the child
winning.

Built-in profiles (\`plugins/kubemate-node/rules/profiles\`, examples of per-environment
thresholds in \`profiles/examples\`):

${profileTable(profiles)}
`;

/** Rules covering each check of a tool, by the rules' `equivalents`. */
export function coverageOf(
  rules: InspectionRule[],
  tool: 'polaris' | 'kubeScore',
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rules) {
    for (const check of r.definition.equivalents?.[tool] ?? []) {
      out.set(check, [...(out.get(check) ?? []), r.definition.id]);
    }
  }
  return out;
}

function toolTable(
  name: string,
  checks: ToolCheck[],
  covered: Map<string, string[]>,
): string {
  const count = checks.filter(c => covered.has(c.id) && !c.partial).length;
  const rows = checks.map(c => {
    const ids = covered.get(c.id) ?? [];
    const links = ids.map(id => `[\`${id}\`](#${id})`).join(', ');
    let rulesCell = links || 'not covered';
    if (c.partial) rulesCell = `partly: ${links}`;
    return `| \`${c.id}\` | ${cell(c.checks)} | ${rulesCell} | ${cell(
      c.notCovered ?? c.partial ?? c.difference ?? '',
    )} |`;
  });
  return [
    `### ${name}: ${count} of ${checks.length} checks covered`,
    '',
    '| Check | What it checks | Kubemate rule | Differences, or why not covered |',
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

const COMPARISON = (rules: InspectionRule[]) => `## Polaris and kube-score

Every built-in check of [Polaris](https://polaris.docs.fairwinds.com/checks/) and
[kube-score](https://github.com/zegl/kube-score/blob/master/README_CHECKS.md), the rule
that covers it (a rule's \`equivalents\`), and where the verdict differs by design. A check
that is not covered is a documented policy choice; a check covered "partly" shares its
intent with the rule (and its exemption annotations are honoured) but their verdicts differ
on common inputs, so it is not counted as covered.

**Exemption annotations.** Teams moving from those tools keep their exemptions: on an
object, or on a workload's pod template, \`polaris.fairwinds.com/<check>-exempt: "true"\`
exempts it from the rules covering that Polaris check, \`polaris.fairwinds.com/exempt: "true"\`
from every rule covering a Polaris check, and \`kube-score/ignore: <check>,<check>\` from
the rules covering those kube-score checks (ignoring \`container-resources\` also ignores
\`container-ephemeral-storage-request-and-limit\`, as kube-score does). Such results are
reported as skipped, like the \`kubemate.io/inspection-exempt\` annotation (which the
report names as the reason). They apply to objects handed to the inspector as a list,
as cluster runs and manifest inspection do (a prebuilt \`ClusterIndex\` is taken as it is).

${toolTable('Polaris', POLARIS_CHECKS, coverageOf(rules, 'polaris'))}
${toolTable('kube-score', KUBE_SCORE_CHECKS, coverageOf(rules, 'kubeScore'))}`;

const SCORING = `## Results and fingerprints

Each check yields a result with status \`passed\`, \`failed\` (a finding), \`error\`
(execution failed) or \`skipped\` (exempt), the rule id and version, severity after profile
overrides, category, the resource (kind, apiVersion, namespace, name, and container or
host), observed and expected values, message, remediation and rendered fix.

\`fingerprint = sha256(cluster ␀ ruleId ␀ kind ␀ namespace ␀ name ␀ container ␀ host [␀ discriminator])\`
— only identity, never messages or values, so findings keep their identity across runs
and rule text edits (\`computeFingerprint\`, reused for ingested Ansible results).
Findings with the same fingerprint in one run are merged (\`occurrences\`).

## Scoring formula

Health score (\`computeScore(results, { ignoredFingerprints })\`):

\`\`\`
score = 100 × Σ w(passed) / (Σ w(passed) + Σ w(failed))
w(high) = ${SEVERITY_WEIGHTS.high}, w(medium) = ${SEVERITY_WEIGHTS.medium}, w(low) = ${SEVERITY_WEIGHTS.low}   (severity after profile overrides)
\`\`\`

Ignored findings, skipped (exempt) checks and execution-failed checks are left out of the
score; errors are counted separately (\`errors\`, \`errorsBySeverity\`). With nothing to check
the score is 100. \`passRate = passed / (passed + failed)\`; open findings are counted by
severity in \`failedBySeverity\`.
`;

/** Render the full reference. */
export function generateRuleDocs(
  rules: InspectionRule[],
  profiles: Map<string, InspectionProfile>,
): string {
  const sorted = [...rules].sort(
    (a, b) =>
      RULE_CATEGORIES.indexOf(a.definition.category) -
        RULE_CATEGORIES.indexOf(b.definition.category) ||
      a.definition.id.localeCompare(b.definition.id),
  );
  const out = [
    '# Inspection rule reference',
    '',
    '<!-- Generated by plugins/kubemate-node/src/inspection/generateRuleDocs.ts from',
    '     plugins/kubemate-node/rules. Do not edit by hand: edit the rules and re-run',
    '     node -r @backstage/cli/config/nodeTransform.cjs plugins/kubemate-node/src/inspection/generateRuleDocs.ts -->',
    '',
    `The built-in \`baseline\` pack has ${rules.length} rules. Conditions are CEL; **true means the check fails**.`,
    '',
    '| Rule | Title | Category | Default severity | Target |',
    '|---|---|---|---|---|',
    ...sorted.map(
      r =>
        `| [\`${r.definition.id}\`](#${r.definition.id}) | ${cell(
          r.definition.title,
        )} | ${r.definition.category} | ${r.definition.severity} | ${cell(
          targetText(r.definition.target),
        )} |`,
    ),
    '',
  ];
  let category = '';
  for (const r of sorted) {
    if (r.definition.category !== category) {
      category = r.definition.category;
      out.push(`## Built-in rules: ${category}`, '');
    }
    out.push(ruleSection(r));
  }
  out.push(HOW_TO_WRITE, PROFILES(profiles), COMPARISON(rules), SCORING);
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/** The reference for the built-in pack and profiles. */
export function generateBuiltinRuleDocs(): string {
  return generateRuleDocs(loadBaselineRulePack().rules, loadBuiltinProfiles());
}

if (require.main === module) {
  fs.mkdirSync(path.dirname(RULE_DOCS_PATH), { recursive: true });
  fs.writeFileSync(RULE_DOCS_PATH, generateBuiltinRuleDocs());
  console.log(`wrote ${RULE_DOCS_PATH}`);
}
