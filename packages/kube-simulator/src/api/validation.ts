import { FieldError, fieldErr } from './errors';
import { KObject, isObject } from '../util/types';

const DNS1123_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const QNAME_MSG =
  "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const CONFIG_KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

export function validateName(
  name: string | undefined,
  generateName: string | undefined,
  asLabel: boolean,
): FieldError[] {
  if (!name) {
    return generateName
      ? []
      : [
          fieldErr.required(
            'metadata.name',
            'name or generateName is required',
          ),
        ];
  }
  if (asLabel) {
    if (name.length > 63)
      return [
        fieldErr.invalid(
          'metadata.name',
          name,
          'must be no more than 63 characters',
        ),
      ];
    if (!DNS1123_LABEL.test(name))
      return [fieldErr.invalid('metadata.name', name, LABEL_MSG)];
    return [];
  }
  if (name.length > 253)
    return [
      fieldErr.invalid(
        'metadata.name',
        name,
        'must be no more than 253 characters',
      ),
    ];
  if (!DNS1123_SUBDOMAIN.test(name))
    return [fieldErr.invalid('metadata.name', name, SUBDOMAIN_MSG)];
  return [];
}

function validQualifiedKey(k: string): boolean {
  const parts = k.split('/');
  if (parts.length > 2) return false;
  if (
    parts.length === 2 &&
    (!DNS1123_SUBDOMAIN.test(parts[0]) || parts[0].length > 253)
  )
    return false;
  const n = parts[parts.length - 1];
  return n.length <= 63 && QUALIFIED_NAME.test(n);
}

export function validateLabels(
  labels: Record<string, string> | undefined,
  field: string,
): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    if (typeof v !== 'string' || !LABEL_VALUE.test(v) || v.length > 63)
      errs.push(fieldErr.invalid(field, v, LABEL_VALUE_MSG));
    if (!validQualifiedKey(k)) errs.push(fieldErr.invalid(field, k, QNAME_MSG));
  }
  return errs;
}

export function validateConfigKeys(data: unknown, field: string): FieldError[] {
  if (!isObject(data)) return [];
  return Object.keys(data)
    .filter(k => !CONFIG_KEY.test(k))
    .map(k => fieldErr.invalid(`${field}[${k}]`, k, CONFIG_KEY_MSG));
}

export function validatePodSpec(spec: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const s = isObject(spec) ? spec : {};
  const containers = s.containers;
  if (!Array.isArray(containers) || containers.length === 0) {
    errs.push(fieldErr.required(`${path}.containers`));
    return errs;
  }
  containers.forEach((c, i) => {
    const cp = `${path}.containers[${i}]`;
    const cc = isObject(c) ? c : {};
    const name = cc.name as string | undefined;
    if (!name) errs.push(fieldErr.required(`${cp}.name`));
    else if (!DNS1123_LABEL.test(name))
      errs.push(fieldErr.invalid(`${cp}.name`, name, LABEL_MSG));
    if (!cc.image) errs.push(fieldErr.required(`${cp}.image`));
    const ports = Array.isArray(cc.ports) ? cc.ports : [];
    ports.forEach((p, j) => {
      const port = isObject(p) ? p.containerPort : undefined;
      if (typeof port !== 'number' || port < 1 || port > 65535) {
        errs.push(
          fieldErr.invalid(
            `${cp}.ports[${j}].containerPort`,
            port,
            'must be between 1 and 65535, inclusive',
          ),
        );
      }
    });
  });
  return errs;
}

export function validateReplicas(
  replicas: unknown,
  field: string,
): FieldError[] {
  if (typeof replicas === 'number' && replicas < 0) {
    return [
      fieldErr.invalid(field, replicas, 'must be greater than or equal to 0'),
    ];
  }
  return [];
}

/** Shared checks for workloads with selector + template (Deployment, ReplicaSet, StatefulSet, DaemonSet). */
export function validateWorkload(
  obj: KObject,
  opts: { replicas: boolean },
): FieldError[] {
  const errs: FieldError[] = [];
  const spec = isObject(obj.spec) ? obj.spec : {};
  if (opts.replicas)
    errs.push(...validateReplicas(spec.replicas, 'spec.replicas'));
  const sel = spec.selector as
    | { matchLabels?: Record<string, string> }
    | undefined;
  const tmplLabels =
    (
      spec.template as
        | { metadata?: { labels?: Record<string, string> } }
        | undefined
    )?.metadata?.labels ?? {};
  const selEmpty =
    !sel ||
    (Object.keys(sel.matchLabels ?? {}).length === 0 &&
      !(sel as { matchExpressions?: unknown[] }).matchExpressions?.length);
  if (selEmpty) errs.push(fieldErr.required('spec.selector'));
  const matches =
    !selEmpty &&
    Object.entries(sel!.matchLabels ?? {}).every(
      ([k, v]) => tmplLabels[k] === v,
    );
  if (!matches) {
    errs.push(
      fieldErr.invalid(
        'spec.template.metadata.labels',
        tmplLabels,
        '`selector` does not match template `labels`',
      ),
    );
  }
  errs.push(
    ...validatePodSpec(
      (spec.template as { spec?: unknown } | undefined)?.spec,
      'spec.template.spec',
    ),
  );
  return errs;
}
