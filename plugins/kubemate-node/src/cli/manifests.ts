import fs from 'node:fs';
import path from 'node:path';
import type { KubeObject } from '../inspection/types';
import { parseYamlDocuments, YamlDoc } from '../inspection/yamlSource';

/** A manifest object with the file and line of the document (or List item) it came from. */
export interface ManifestObject {
  object: KubeObject;
  file: string;
  /** 1-based line of the object's first line in the file. */
  line: number;
}

/** Why a file or document could not be read, at its file and line. */
export interface ManifestProblem {
  file: string;
  line?: number;
  reason: string;
}

/** Largest manifest file read (a manifest is text; anything bigger is a mistake). */
export const MAX_MANIFEST_FILE_BYTES = 16 * 1024 * 1024;

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

/** Manifest files of a directory and its subdirectories, sorted; hidden entries are skipped. */
function listManifestFiles(dir: string): string[] {
  const out: string[] = [];
  const entries = fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listManifestFiles(full));
    else if (MANIFEST_EXTENSIONS.includes(path.extname(entry.name))) {
      out.push(full);
    }
  }
  return out;
}

const isDict = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** Objects of one parsed document: the object itself, or the items of a `List`. */
function objectsOf(
  doc: YamlDoc,
  problems: ManifestProblem[],
): ManifestObject[] {
  const value = doc.value;
  const where = { file: doc.file, line: doc.line };
  if (!isDict(value)) {
    problems.push({
      ...where,
      reason: 'not a Kubernetes object (expected a mapping)',
    });
    return [];
  }
  const kind = value.kind;
  if (typeof kind === 'string' && kind.endsWith('List') && 'items' in value) {
    if (!Array.isArray(value.items)) {
      problems.push({
        file: doc.file,
        line: doc.lineOf(['items']),
        reason: `${kind}.items is not a list`,
      });
      return [];
    }
    return value.items.flatMap((item, i) =>
      checked(item, doc.file, doc.lineOf(['items', i]), problems),
    );
  }
  return checked(value, doc.file, doc.line, problems);
}

function checked(
  value: unknown,
  file: string,
  line: number,
  problems: ManifestProblem[],
): ManifestObject[] {
  if (!isDict(value)) {
    problems.push({
      file,
      line,
      reason: 'not a Kubernetes object (expected a mapping)',
    });
    return [];
  }
  const missing = ['apiVersion', 'kind'].filter(
    f => typeof value[f] !== 'string' || !value[f],
  );
  const name = isDict(value.metadata) ? value.metadata.name : undefined;
  if (typeof name !== 'string' || !name) missing.push('metadata.name');
  if (missing.length) {
    problems.push({
      file,
      line,
      reason: `not a Kubernetes object: no ${missing.join(', ')}`,
    });
    return [];
  }
  return [{ object: value as KubeObject, file, line }];
}

/** Parse manifest text (one or more YAML or JSON documents). */
export function parseManifests(
  text: string,
  file: string,
): { objects: ManifestObject[]; problems: ManifestProblem[] } {
  const { docs, problems: yamlProblems } = parseYamlDocuments(text, file);
  const problems: ManifestProblem[] = yamlProblems.map(p => ({
    file: p.file,
    line: p.line,
    // The parser's pretty message ends with a colon before the source excerpt it leaves out.
    reason: p.reason.replace(/:\s*$/, ''),
  }));
  const objects = docs.flatMap(doc => objectsOf(doc, problems));
  return { objects, problems };
}

/**
 * Read manifests from files and directories (recursively: `*.yaml`, `*.yml`, `*.json`), as
 * `kubectl apply -f` takes them. Unreadable paths and invalid documents are problems, each with
 * its file (and line); the readable objects are returned all the same.
 */
export function readManifests(paths: string[]): {
  objects: ManifestObject[];
  problems: ManifestProblem[];
  files: string[];
} {
  const objects: ManifestObject[] = [];
  const problems: ManifestProblem[] = [];
  const files: string[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      problems.push({ file: p, reason: describeFsError(e) });
      continue;
    }
    let list: string[];
    try {
      list = stat.isDirectory() ? listManifestFiles(p) : [p];
    } catch (e) {
      problems.push({ file: p, reason: describeFsError(e) });
      continue;
    }
    if (stat.isDirectory() && list.length === 0) {
      problems.push({
        file: p,
        reason: 'no manifest files (*.yaml, *.yml, *.json) in this directory',
      });
    }
    for (const file of list) {
      let text: string;
      try {
        const size = fs.statSync(file).size;
        if (size > MAX_MANIFEST_FILE_BYTES) {
          problems.push({
            file,
            reason: `file too large (${size} bytes, at most ${MAX_MANIFEST_FILE_BYTES})`,
          });
          continue;
        }
        text = fs.readFileSync(file, 'utf8');
      } catch (e) {
        problems.push({ file, reason: describeFsError(e) });
        continue;
      }
      files.push(file);
      const parsed = parseManifests(text, file);
      objects.push(...parsed.objects);
      problems.push(...parsed.problems);
    }
  }
  return { objects, problems, files };
}

function describeFsError(e: unknown): string {
  const code = (e as { code?: string }).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return `cannot read: ${e instanceof Error ? e.message : String(e)}`;
  }
}
