import { ConfigReader } from '@backstage/config';
import {
  readClusterLinkTemplates,
  readLinkTemplates,
} from './readLinkTemplates';

const read = (links: unknown) =>
  readLinkTemplates(
    new ConfigReader({ kubemate: { observability: { links } } } as never),
  );

describe('readLinkTemplates', () => {
  it('reads templates, keeping dotted query parameter names', () => {
    expect(
      read([
        {
          title: 'CPU',
          kind: 'prometheus',
          url: 'http://localhost:9090/graph',
          params: { 'g0.expr': 'up{namespace="${namespace}"}' },
        },
        { title: 'Other', url: 'https://x/${cluster}' },
      ]),
    ).toEqual([
      {
        title: 'CPU',
        kind: 'prometheus',
        url: 'http://localhost:9090/graph',
        params: { 'g0.expr': 'up{namespace="${namespace}"}' },
      },
      { title: 'Other', kind: 'other', url: 'https://x/${cluster}' },
    ]);
    expect(readLinkTemplates(new ConfigReader({}))).toEqual([]);
  });

  it('names the broken entry and the reason', () => {
    expect(() =>
      read([
        { title: 'ok', url: 'https://x' },
        { title: 'bad', url: 'https://x/${podName}' },
      ]),
    ).toThrow(
      'kubemate.observability.links[1]: url: unknown placeholder ${podName}',
    );
    expect(() => read([{ title: 'bad', url: 'x', kind: 'kibana' }])).toThrow(
      /links\[0\]: kind 'kibana'/,
    );
    expect(() =>
      read([{ title: 'bad', url: 'https://x', params: { q: 1 } }]),
    ).toThrow(/links\[0\]\.params: values must be strings \(q\)/);
  });

  it("reads each cluster's own templates, naming a broken one by its cluster", () => {
    const config = (clusters: unknown) =>
      new ConfigReader({
        kubemate: { observability: { clusters } },
      } as never);
    expect(
      readClusterLinkTemplates(
        config({
          'eu-1': { links: [{ title: 'EU', url: 'https://eu/${pod}' }] },
        }),
      ),
    ).toEqual(
      new Map([
        ['eu-1', [{ title: 'EU', kind: 'other', url: 'https://eu/${pod}' }]],
      ]),
    );
    expect(() =>
      readClusterLinkTemplates(
        config({ 'eu-1': { links: [{ title: 'EU', url: 'ftp://eu' }] } }),
      ),
    ).toThrow(
      /^kubemate\.observability\.clusters\.eu-1\.links\[0\]: url must start/,
    );
  });
});
