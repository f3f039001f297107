import { readFileSync } from 'fs';
import { resolve } from 'path';
// `yaml` is hoisted from the backend; kubemate-common does not declare it (the lead may add it as a devDependency)
import { parseAllDocuments } from 'yaml';
import type { IngressRouteObject } from '../types';

/** The seeded erp-finance IngressRoute, read from the demo cluster's manifests. */
export function erpFinanceIngressRoute(): IngressRouteObject {
  const file = resolve(
    __dirname,
    '../../../../../../examples/cluster/20-erp-finance.yaml',
  );
  const docs = parseAllDocuments(readFileSync(file, 'utf8')).map(d => d.toJS());
  const found = docs.find(d => d?.kind === 'IngressRoute');
  if (!found) throw new Error(`no IngressRoute in ${file}`);
  return found as IngressRouteObject;
}
