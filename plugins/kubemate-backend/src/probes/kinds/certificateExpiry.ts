import { X509Certificate } from 'node:crypto';
import {
  judgeCertificate,
  readServerCertificate,
  type ServerCertificate,
} from '../../inspection/probes/certificateProbe';
import { parseEndpoint } from '../../inspection/probes/config';
import { StepFailure, type ProbeContext } from './steps';

/** The first certificate of a PEM bundle (the leaf, by convention). */
export function leafCertificate(pem: string): ServerCertificate {
  const cert = new X509Certificate(pem);
  const cn = (dn: string) => /CN=([^\n,]+)/.exec(dn)?.[1] ?? '';
  return {
    subject: cn(cert.subject),
    issuer: cn(cert.issuer),
    validTo: new Date(cert.validTo),
  };
}

/**
 * Certificate expiry: each TLS Secret of the namespace (or those named), the API server's and
 * configured endpoints' serving certificates, each its own step; any with fewer than
 * `minDaysLeft` days left fails the probe, naming all of them.
 */
export async function certificateExpiry(ctx: ProbeContext): Promise<string> {
  const def = ctx.definition;
  if (def.type !== 'certificate-expiry') throw new Error('wrong probe type');
  const p = def.params;
  const timeoutMs = () => Math.max(1, ctx.deadline - Date.now());
  const failures: string[] = [];
  let checked = 0;
  const judge = async (
    what: string,
    read: () => Promise<ServerCertificate>,
  ) => {
    try {
      await ctx.steps.step(what, async () => {
        const judged = judgeCertificate(await read(), p.minDaysLeft, ctx.now());
        checked++;
        if (judged.failed) throw new StepFailure(judged.message);
      });
    } catch (e) {
      failures.push((e as Error).message);
    }
  };

  if (def.namespace) {
    const namespace = def.namespace;
    const { core } = ctx.clients;
    const secrets = p.secrets
      ? await Promise.all(
          p.secrets.map(name => core.readNamespacedSecret({ name, namespace })),
        )
      : (
          await core.listNamespacedSecret({
            namespace,
            fieldSelector: 'type=kubernetes.io/tls',
          })
        ).items.filter(s => s.type === 'kubernetes.io/tls');
    for (const secret of secrets) {
      const name = secret.metadata?.name ?? '';
      ctx.objects.add(`Secret/${name}`);
      await judge(`Secret ${name}`, async () => {
        const crt = secret.data?.['tls.crt'];
        if (!crt) throw new StepFailure('no tls.crt');
        return leafCertificate(Buffer.from(crt, 'base64').toString('utf8'));
      });
    }
  }
  if (p.apiServer) {
    const url = new URL(ctx.cluster.url);
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const port = url.port ? Number(url.port) : 443;
    await judge(`API server ${host}:${port}`, () =>
      url.protocol === 'https:'
        ? readServerCertificate(host, port, timeoutMs())
        : Promise.reject(
            new StepFailure('the API server is not served over TLS'),
          ),
    );
  }
  for (const endpoint of p.endpoints) {
    const { host, port } = parseEndpoint(endpoint);
    await judge(`endpoint ${host}:${port}`, () =>
      readServerCertificate(host, port, timeoutMs()),
    );
  }
  if (failures.length) throw new StepFailure(failures.join('; '));
  if (!checked) throw new StepFailure('no certificate to check');
  return `${checked} certificate(s) with at least ${p.minDaysLeft} day(s) left`;
}
