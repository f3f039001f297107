import fs from 'fs';
import YAML from 'yaml';
import { TokenEntry } from './authn';

/**
 * Reads tokens from YAML/JSON (`tokens: [{token, user, groups}]` or a bare list) or from a
 * kube-apiserver token CSV (`token,user,uid,"group1,group2"`).
 */
export function loadTokens(path: string): TokenEntry[] {
  const text = fs.readFileSync(path, 'utf8');
  if (path.endsWith('.csv')) {
    return text
      .split('\n')
      .map(l => l.trim())
      .filter(Boolean)
      .map(l => {
        const m = /^([^,]+),([^,]+),([^,]*)(?:,"?([^"]*)"?)?$/.exec(l);
        if (!m) throw new Error(`bad token line: ${l}`);
        return {
          token: m[1],
          user: m[2],
          groups: m[4] ? m[4].split(',').map(s => s.trim()) : [],
        };
      });
  }
  const doc = YAML.parse(text) as { tokens?: TokenEntry[] } | TokenEntry[];
  const list = Array.isArray(doc) ? doc : doc?.tokens ?? [];
  return list.map(t => ({
    token: String(t.token),
    user: String(t.user),
    groups: (t.groups ?? []).map(String),
  }));
}
