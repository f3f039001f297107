import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Test-only: a listening server that answers /version like a kube-apiserver. */
export async function startVersionServer(): Promise<{
  url: string;
  tokens: string[];
  close(): Promise<void>;
}> {
  const tokens: string[] = [];
  const server = http.createServer((req, res) => {
    tokens.push(String(req.headers.authorization));
    if (req.url === '/version') {
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify({
          major: '1',
          minor: '32',
          gitVersion: 'v1.32.4',
          platform: 'linux/amd64',
        }),
      );
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tokens,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}

/** Test-only: a port nothing listens on. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}
