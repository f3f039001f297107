import fs from 'node:fs';
import { generateBuiltinRuleDocs, RULE_DOCS_PATH } from './generateRuleDocs';

describe('docs/rules.md', () => {
  it('is up to date with the rule files (regenerate with generateRuleDocs.ts)', () => {
    const committed = fs.existsSync(RULE_DOCS_PATH)
      ? fs.readFileSync(RULE_DOCS_PATH, 'utf8')
      : '';
    expect(committed === generateBuiltinRuleDocs()).toBe(true);
  });

  it('documents every built-in rule', () => {
    const docs = generateBuiltinRuleDocs();
    expect(docs).toContain('### `tls-secret-expiring`');
    expect(docs).toContain('| `daysBeforeExpiry` | `30` |');
    expect(docs).toMatch(
      /## How to write a rule[\s\S]*## Profiles[\s\S]*Health score/,
    );
  });
});
