import fs from 'node:fs';
import {
  API_DOCS_PATH,
  generateApiDocs,
  SECURITY_DOCS_PATH,
  withEndpointTable,
} from './generateApiDocs';
import { kubemateRoutes } from '../routes';

describe('docs/api-reference.md', () => {
  it('is up to date with the contract (regenerate with `yarn workspace @kubemate/plugin-kubemate-common docs:api`)', () => {
    const committed = fs.existsSync(API_DOCS_PATH)
      ? fs.readFileSync(API_DOCS_PATH, 'utf8')
      : '';
    expect(committed === generateApiDocs()).toBe(true);
  });

  it('documents every route with its fields and the answer types', () => {
    const docs = generateApiDocs();
    expect(docs).toContain('### `GET /api/kubemate/inspection/findings`');
    // The audit log's paging, with its default.
    expect(docs).toContain('| `limit` | integer 1–500 (default 50) |  |');
    expect(docs).toContain(
      '| `severity` | list of `high` \\| `medium` \\| `low` (comma-separated or repeated) |  |',
    );
    expect(docs).toMatch(/### `Finding`\n\n\| Field/);
    expect(docs).toContain('| `stateChangedAt` | ISO date-time | yes |');
  });

  it("docs/security.md's endpoint table is up to date and lists every route", () => {
    const committed = fs.readFileSync(SECURITY_DOCS_PATH, 'utf8');
    expect(committed === withEndpointTable(committed)).toBe(true);
    for (const route of Object.values(kubemateRoutes)) {
      expect(committed).toContain(`| \`${route.method} ${route.path}\` |`);
    }
  });
});
