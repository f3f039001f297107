import net from 'node:net';
import tls from 'node:tls';

export interface ServerCertificate {
  subject: string;
  issuer: string;
  validTo: Date;
}

const DAY_MS = 24 * 60 * 60_000;

/**
 * Reads the certificate a TLS server presents. Trust is not checked (self-signed and private-CA
 * certificates expire too); only the handshake has to succeed.
 */
export function readServerCertificate(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<ServerCertificate> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host,
      port,
      // SNI only for names; an IP address as servername is not allowed.
      ...(net.isIP(host) ? {} : { servername: host }),
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new Error(
          `TLS handshake with ${host}:${port} timed out after ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const cert = socket.getPeerCertificate();
      socket.destroy();
      if (!cert || !cert.valid_to) {
        reject(new Error(`${host}:${port} presented no certificate`));
        return;
      }
      resolve({
        subject: cert.subject?.CN ? String(cert.subject.CN) : '',
        issuer: cert.issuer?.CN ? String(cert.issuer.CN) : '',
        validTo: new Date(cert.valid_to),
      });
    });
    socket.once('error', e => {
      clearTimeout(timer);
      socket.destroy();
      reject(
        new Error(`TLS connection to ${host}:${port} failed: ${e.message}`),
      );
    });
  });
}

/** Passed or failed against the threshold, with the values for the report. */
export function judgeCertificate(
  cert: ServerCertificate,
  minDaysLeft: number,
  now: Date,
): { failed: boolean; observed: string; expected: string; message: string } {
  const daysLeft = Math.floor(
    (cert.validTo.getTime() - now.getTime()) / DAY_MS,
  );
  const until = cert.validTo.toISOString().slice(0, 10);
  const who = cert.subject ? `Certificate ${cert.subject}` : 'Certificate';
  const observed =
    daysLeft < 0
      ? `expired ${-daysLeft} day(s) ago (${until})`
      : `expires in ${daysLeft} day(s) (${until})`;
  return {
    failed: daysLeft < minDaysLeft,
    observed,
    expected: `at least ${minDaysLeft} day(s) left`,
    message: `${who} ${observed}`,
  };
}
