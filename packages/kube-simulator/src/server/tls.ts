import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';

export interface TlsMaterial {
  key: string;
  cert: string;
}

/**
 * A throwaway self-signed serving certificate made with the `openssl` binary (EC P-256, SANs for
 * localhost and the bind address). Returns undefined when openssl is not available.
 */
export function selfSignedCert(hosts: string[]): TlsMaterial | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-sim-tls-'));
  try {
    const keyPath = path.join(dir, 'tls.key');
    const certPath = path.join(dir, 'tls.crt');
    const sans = [...new Set(['127.0.0.1', 'localhost', ...hosts])]
      .map(h =>
        /^[\d.]+$/.test(h) || h.includes(':') ? `IP:${h}` : `DNS:${h}`,
      )
      .join(',');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '365',
        '-subj',
        '/CN=kube-simulator',
        '-addext',
        `subjectAltName=${sans}`,
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-keyout',
        keyPath,
        '-out',
        certPath,
      ],
      { stdio: 'ignore' },
    );
    return {
      key: fs.readFileSync(keyPath, 'utf8'),
      cert: fs.readFileSync(certPath, 'utf8'),
    };
  } catch {
    return undefined;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A leaf TLS certificate valid for `days` days (for seeded kubernetes.io/tls Secrets). */
export function shortLivedCert(
  cn: string,
  days: number,
): TlsMaterial | undefined {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-sim-leaf-'));
  try {
    const keyPath = path.join(dir, 'tls.key');
    const certPath = path.join(dir, 'tls.crt');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        String(Math.max(1, Math.round(days))),
        '-subj',
        `/CN=${cn}/O=Kubemate Example Bank`,
        '-addext',
        `subjectAltName=DNS:${cn},DNS:*.${cn.split('.').slice(1).join('.')}`,
        '-keyout',
        keyPath,
        '-out',
        certPath,
      ],
      { stdio: 'ignore' },
    );
    return {
      key: fs.readFileSync(keyPath, 'utf8'),
      cert: fs.readFileSync(certPath, 'utf8'),
    };
  } catch {
    return undefined;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
