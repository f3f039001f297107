/** Status bodies shaped exactly like kube-apiserver's (k8s.io/apimachinery/pkg/api/errors). */

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code?: number;
}

export class StatusError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details?: StatusDetails;
  readonly headers: Record<string, string>;
  /** Status metadata, e.g. a fresh continue token on 410. */
  readonly meta: Record<string, unknown>;

  constructor(
    code: number,
    reason: string,
    message: string,
    details?: StatusDetails,
    opts?: { headers?: Record<string, string>; meta?: Record<string, unknown> },
  ) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
    this.headers = opts?.headers ?? {};
    this.meta = opts?.meta ?? {};
  }

  toStatus(): StatusBody {
    const body: StatusBody = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: this.meta,
      status: 'Failure',
      message: this.message,
    };
    if (this.reason) body.reason = this.reason;
    if (this.details) body.details = this.details;
    body.code = this.code;
    return body;
  }
}

/** "configmaps" or "deployments.apps" — the qualified resource the messages use. */
export function qualified(resource: string, group: string): string {
  return group ? `${resource}.${group}` : resource;
}

function resDetails(
  name: string | undefined,
  resource: string,
  group: string,
): StatusDetails {
  const d: StatusDetails = {};
  if (name !== undefined) d.name = name;
  if (group) d.group = group;
  d.kind = resource;
  return d;
}

export const errors = {
  notFound(resource: string, group: string, name: string) {
    return new StatusError(
      404,
      'NotFound',
      `${qualified(resource, group)} "${name}" not found`,
      resDetails(name, resource, group),
    );
  },
  /** The generic 404 for unknown resources/subresources. */
  notFoundGeneric() {
    return new StatusError(
      404,
      'NotFound',
      'the server could not find the requested resource',
      {},
    );
  },
  alreadyExists(resource: string, group: string, name: string) {
    return new StatusError(
      409,
      'AlreadyExists',
      `${qualified(resource, group)} "${name}" already exists`,
      resDetails(name, resource, group),
    );
  },
  conflict(
    resource: string,
    group: string,
    name: string,
    why = 'the object has been modified; please apply your changes to the latest version and try again',
  ) {
    return new StatusError(
      409,
      'Conflict',
      `Operation cannot be fulfilled on ${qualified(
        resource,
        group,
      )} "${name}": ${why}`,
      resDetails(name, resource, group),
    );
  },
  badRequest(message: string) {
    return new StatusError(400, 'BadRequest', message);
  },
  methodNotAllowed() {
    return new StatusError(
      405,
      'MethodNotAllowed',
      'the server does not allow this method on the requested resource',
      {},
    );
  },
  notAcceptable(
    message = 'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf',
  ) {
    return new StatusError(406, 'NotAcceptable', message);
  },
  notAcceptablePlain() {
    return new StatusError(406, 'NotAcceptable', '406: Not Acceptable', {});
  },
  unsupportedMediaType(message: string, details?: StatusDetails) {
    return new StatusError(415, 'UnsupportedMediaType', message, details);
  },
  unauthorized() {
    const e = new StatusError(401, 'Unauthorized', 'Unauthorized');
    return e;
  },
  forbidden(message: string, details: StatusDetails) {
    return new StatusError(403, 'Forbidden', message, details);
  },
  gone(message: string, meta?: Record<string, unknown>) {
    return new StatusError(410, 'Expired', message, undefined, { meta });
  },
  internal(message: string) {
    return new StatusError(500, 'InternalError', message, {
      causes: [{ message }],
    });
  },
  timeout(message: string, details: StatusDetails) {
    return new StatusError(504, 'Timeout', message, details, {
      headers: { 'Retry-After': '1' },
    });
  },
  tooManyRequests(message: string) {
    return new StatusError(
      429,
      'TooManyRequests',
      message,
      { retryAfterSeconds: 1 },
      {
        headers: { 'Retry-After': '1' },
      },
    );
  },
};

export interface FieldError {
  type:
    | 'FieldValueInvalid'
    | 'FieldValueRequired'
    | 'FieldValueNotSupported'
    | 'FieldValueForbidden'
    | 'FieldValueDuplicate'
    | 'FieldValueTypeInvalid';
  field: string;
  /** Already formatted detail, e.g. `Invalid value: "x": must be ...`. */
  message: string;
}

/** Go-style rendering of a bad value inside an "Invalid value:" message. */
export function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const entries = Object.entries(v as Record<string, unknown>)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, val]) => `${JSON.stringify(k)}:${JSON.stringify(val)}`);
    return `map[string]string{${entries.join(', ')}}`;
  }
  return JSON.stringify(v);
}

export const fieldErr = {
  invalid(field: string, value: unknown, detail: string): FieldError {
    return {
      type: 'FieldValueInvalid',
      field,
      message: `Invalid value: ${goValue(value)}: ${detail}`,
    };
  },
  required(field: string, detail = ''): FieldError {
    return {
      type: 'FieldValueRequired',
      field,
      message: detail ? `Required value: ${detail}` : 'Required value',
    };
  },
  notSupported(field: string, value: unknown, supported: string[]): FieldError {
    return {
      type: 'FieldValueNotSupported',
      field,
      message: `Unsupported value: ${goValue(
        value,
      )}: supported values: ${supported
        .map(s => JSON.stringify(s))
        .join(', ')}`,
    };
  },
  forbidden(field: string, detail: string): FieldError {
    return {
      type: 'FieldValueForbidden',
      field,
      message: `Forbidden: ${detail}`,
    };
  },
  typeInvalid(field: string, value: unknown, detail: string): FieldError {
    return {
      type: 'FieldValueTypeInvalid',
      field,
      message: `Invalid value: ${goValue(value)}: ${detail}`,
    };
  },
};

/** 422 Invalid: `<Kind>[.<group>] "<name>" is invalid: ...`. */
export function invalid(
  kind: string,
  group: string,
  name: string | undefined,
  errs: FieldError[],
): StatusError {
  const kindQ = group ? `${kind}.${group}` : kind;
  const parts = errs.map(e => `${e.field}: ${e.message}`);
  const joined = parts.length === 1 ? parts[0] : `[${parts.join(', ')}]`;
  const details: StatusDetails = {};
  if (name) details.name = name;
  if (group) details.group = group;
  details.kind = kind;
  details.causes = errs.map(e => ({
    reason: e.type,
    message: e.message,
    field: e.field,
  }));
  return new StatusError(
    422,
    'Invalid',
    `${kindQ} "${name ?? ''}" is invalid: ${joined}`,
    details,
  );
}

/** The generic JSON-patch failure the apiserver returns with empty details. */
export function invalidGeneric(): StatusError {
  return new StatusError(
    422,
    'Invalid',
    'the server rejected our request due to an error in our request',
    {},
  );
}

export function successStatus(details: StatusDetails): StatusBody {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details,
  };
}
