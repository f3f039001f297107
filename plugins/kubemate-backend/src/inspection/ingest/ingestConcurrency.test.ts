import type { Simulator } from '@kubemate/kube-simulator';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import {
  startKubemateBackend,
  startSeededSimulator,
} from '../../__testUtils__/simulatorBackend';

jest.setTimeout(60_000);

const INGEST = '/api/kubemate/inspection/ingest/generic';
const report = JSON.stringify({ cluster: 'sim', source: 'x', results: [] });

/** Starts an ingestion whose body arrives slowly: it holds its slot until `finish`. */
function slowUpload(server: http.Server) {
  const { port } = server.address() as AddressInfo;
  const req = http.request(`http://127.0.0.1:${port}${INGEST}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(report),
    },
  });
  const status = new Promise<number>((resolve, reject) => {
    req.on('response', res => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
  req.write(report.slice(0, 5));
  return { status, finish: () => req.end(report.slice(5)) };
}

describe('report ingestion runs at most kubemate.inspection.ingest.maxConcurrent at a time', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSeededSimulator();
  });
  afterAll(() => sim.stop());

  it('refuses one more with 503 and Retry-After, and takes it once a slot is free', async () => {
    const tb = await startKubemateBackend({
      sim,
      entities: [],
      kubemate: { inspection: { ingest: { maxConcurrent: 2 } } },
    });
    const server = tb.server as unknown as http.Server;
    const first = slowUpload(server);
    const second = slowUpload(server);
    await new Promise(resolve => setTimeout(resolve, 300));

    const third = await request(server)
      .post(INGEST)
      .set('Content-Type', 'application/json')
      .send(report);
    expect(third.status).toBe(503);
    expect(third.headers['retry-after']).toBe('5');
    expect(third.body.error.message).toBe(
      '2 report ingestions are running, the most at once (kubemate.inspection.ingest.maxConcurrent); retry in 5 s',
    );

    first.finish();
    expect(await first.status).toBe(201);
    const fourth = await request(server)
      .post(INGEST)
      .set('Content-Type', 'application/json')
      .send(report);
    expect(fourth.status).toBe(200); // the same report: stored once
    second.finish();
    expect(await second.status).toBe(200);
    await tb.stop();
  });
});
