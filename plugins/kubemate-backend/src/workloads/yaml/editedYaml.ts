import { InputError } from '@backstage/errors';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments, stringify, YAMLError } from 'yaml';
import { redactSecret } from '../../security/redactSecret';

/** What an edited YAML must describe: the very object being edited. */
export interface ExpectedObject {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

type Metadata = {
  name?: unknown;
  namespace?: unknown;
  resourceVersion?: unknown;
  managedFields?: unknown;
};

/** A JSON-like copy: Dates (from the typed client) as the API server writes them. */
function plain(value: unknown): unknown {
  if (value instanceof Date) {
    return value.toISOString().replace(/\.000Z$/, 'Z');
  }
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v !== undefined) out[k] = plain(v);
    }
    return out;
  }
  return value;
}

/**
 * The object as people edit it: without managedFields and status (which a replace
 * ignores anyway), but with metadata.resourceVersion, which makes the edit conditional.
 */
export function editableObject(o: unknown): Record<string, unknown> {
  const copy = plain(o) as Record<string, unknown> & { metadata?: Metadata };
  delete copy.metadata?.managedFields;
  delete copy.status;
  return copy;
}

export function editableYaml(o: unknown): string {
  return stringify(editableObject(o));
}

/** As `editableYaml`, with a Secret's values replaced: the audit log must not hold them. */
export function auditYaml(o: unknown): string | undefined {
  if (!o || typeof o !== 'object') return undefined;
  return stringify(redactSecret(editableObject(o)));
}

function syntaxError(error: YAMLError): InputError {
  const at = error.linePos?.[0];
  const where = at ? ` at line ${at.line}, column ${at.col}` : '';
  // The parser's first message line, without its own position and code excerpt.
  const what = error.message
    .split('\n')[0]
    .replace(/ at line \d+, column \d+:?$/, '');
  return new InputError(`Invalid YAML${where}: ${what}`);
}

/**
 * Parses the edited YAML: one document, an object that is the expected object
 * (apiVersion, kind, namespace and name unchanged). 400 naming the problem otherwise.
 */
export function parseEditedYaml(
  text: string,
  expected: ExpectedObject,
): KubernetesObject & { metadata: Metadata } {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) {
    throw new InputError('The YAML is empty; it must describe one object');
  }
  for (const document of documents) {
    const error = document.errors[0];
    if (error) throw syntaxError(error);
  }
  if (documents.length !== 1) {
    throw new InputError(
      `The YAML must be exactly one document, not ${documents.length}`,
    );
  }
  let value: unknown;
  try {
    value = documents[0].toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new InputError(`Invalid YAML: ${(error as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('The YAML must describe an object (a mapping)');
  }
  const object = value as Record<string, unknown> & { metadata?: unknown };
  const metadata = (
    object.metadata && typeof object.metadata === 'object'
      ? object.metadata
      : {}
  ) as Metadata;
  const mismatches = [
    ['apiVersion', object.apiVersion, expected.apiVersion],
    ['kind', object.kind, expected.kind],
    ['metadata.namespace', metadata.namespace, expected.namespace],
    ['metadata.name', metadata.name, expected.name],
  ]
    .filter(([, actual, wanted]) => actual !== wanted)
    .map(
      ([field, actual, wanted]) =>
        `${field} is ${
          actual === undefined ? 'missing' : `'${String(actual)}'`
        } but must be '${wanted}'`,
    );
  if (mismatches.length) {
    throw new InputError(
      `The YAML must describe ${expected.kind} ${expected.namespace}/${
        expected.name
      } (it cannot rename, move or retype the object): ${mismatches.join(
        '; ',
      )}`,
    );
  }
  return object as KubernetesObject & { metadata: Metadata };
}
