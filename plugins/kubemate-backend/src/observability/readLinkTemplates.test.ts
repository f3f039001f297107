import { ConfigReader } from '@backstage/config';
import { readLinkTemplates } from './readLinkTemplates';

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
        { title: 'bad', url: 'https://x/${pod}' },
      ]),
    ).toThrow(
      'kubemate.observability.links[1]: url: unknown placeholder ${pod}',
    );
    expect(() => read([{ title: 'bad', url: 'x', kind: 'kibana' }])).toThrow(
      /links\[0\]: kind 'kibana'/,
    );
    expect(() =>
      read([{ title: 'bad', url: 'https://x', params: { q: 1 } }]),
    ).toThrow(/links\[0\]\.params: values must be strings \(q\)/);
  });
});
