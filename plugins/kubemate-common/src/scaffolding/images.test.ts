import {
  findImageSource,
  imageReferenceOf,
  imageRefusal,
  manifestImages,
  parseImageReference,
  readImageSources,
  type ImageSource,
} from './images';

const sources: ImageSource[] = [
  { registry: 'ghcr.io', repository: 'kubemate/hello', title: 'Hello' },
  { registry: 'docker.io', repository: 'nginx', tags: ['1.27', '1.27.3'] },
  { registry: 'localhost:5000', repository: 'team/app' },
];

describe('parseImageReference', () => {
  it('splits registry, repository, tag and digest', () => {
    expect(parseImageReference('ghcr.io/kubemate/hello:1.0.0')).toEqual({
      registry: 'ghcr.io',
      repository: 'kubemate/hello',
      tag: '1.0.0',
    });
    expect(
      parseImageReference(`localhost:5000/team/app@sha256:${'a'.repeat(64)}`),
    ).toEqual({
      registry: 'localhost:5000',
      repository: 'team/app',
      digest: `sha256:${'a'.repeat(64)}`,
    });
  });

  it('reads Docker Hub short names as the runtime does', () => {
    expect(parseImageReference('nginx:1.27')).toEqual({
      registry: 'docker.io',
      repository: 'library/nginx',
      tag: '1.27',
    });
    expect(parseImageReference('index.docker.io/bitnami/redis')).toEqual({
      registry: 'docker.io',
      repository: 'bitnami/redis',
    });
  });

  it('refuses what no runtime would pull', () => {
    for (const bad of ['', 'Hello/World:1', 'ghcr.io/a:b:c', 'a@sha256:xyz']) {
      expect(parseImageReference(bad)).toBeUndefined();
    }
  });
});

describe('imageRefusal', () => {
  it('accepts a configured repository with any tag when it lists none', () => {
    expect(imageRefusal(sources, 'ghcr.io/kubemate/hello:2.0.1')).toBe(
      undefined,
    );
    expect(
      imageRefusal(sources, `localhost:5000/team/app@sha256:${'b'.repeat(64)}`),
    ).toBeUndefined();
  });

  it('refuses other registries and repositories, naming them', () => {
    expect(imageRefusal(sources, 'evil.example.com/kubemate/hello:1')).toBe(
      'evil.example.com/kubemate/hello is not an approved registry and repository (kubemate.images)',
    );
    expect(imageRefusal(sources, 'ghcr.io/kubemate/hello-other:1')).toMatch(
      /^ghcr.io\/kubemate\/hello-other is not an approved/,
    );
  });

  it('holds listed tags to the list, Docker Hub names normalized', () => {
    expect(imageRefusal(sources, 'nginx:1.27')).toBeUndefined();
    expect(imageRefusal(sources, 'docker.io/library/nginx:1.27.3')).toBe(
      undefined,
    );
    expect(imageRefusal(sources, 'nginx:latest')).toBe(
      'tag latest of docker.io/nginx is not one of the approved tags: 1.27, 1.27.3',
    );
  });

  it('refuses an image without tag or digest', () => {
    expect(imageRefusal(sources, 'ghcr.io/kubemate/hello')).toBe(
      'ghcr.io/kubemate/hello needs a tag or digest (without one the runtime pulls :latest)',
    );
  });
});

describe('findImageSource and imageReferenceOf', () => {
  it('round-trips the reference the picker builds', () => {
    const ref = imageReferenceOf(sources[1], '1.27');
    expect(ref).toBe('docker.io/nginx:1.27');
    expect(findImageSource(sources, ref)?.source).toBe(sources[1]);
    expect(findImageSource(sources, ref)?.parsed.tag).toBe('1.27');
    expect(findImageSource(sources, 'quay.io/x/y:1')).toBeUndefined();
  });
});

describe('readImageSources', () => {
  it('is empty when not configured and names the invalid field', () => {
    expect(readImageSources(undefined)).toEqual([]);
    expect(readImageSources(sources)).toEqual(sources);
    expect(() =>
      readImageSources([
        { registry: 'ghcr.io', repository: 'ok' },
        { registry: 'ghcr.io', repository: 'Not/Lower' },
      ]),
    ).toThrow(
      'Invalid config kubemate.images[1].repository: must be a repository path of lower-case components',
    );
    expect(() =>
      readImageSources([{ registry: 'ghcr.io', repository: 'a', tags: [] }]),
    ).toThrow(/^Invalid config kubemate.images\[0\].tags: /);
  });
});

describe('manifestImages', () => {
  it('lists the containers of Deployments, CronJobs and Pods, and nothing of others', () => {
    expect(
      manifestImages({
        kind: 'Deployment',
        spec: {
          template: {
            spec: {
              initContainers: [{ name: 'init', image: 'busybox:1' }],
              containers: [{ name: 'app', image: 'ghcr.io/a/b:1' }],
            },
          },
        },
      }),
    ).toEqual([
      { field: 'initContainers', container: 'init', image: 'busybox:1' },
      { field: 'containers', container: 'app', image: 'ghcr.io/a/b:1' },
    ]);
    expect(
      manifestImages({
        kind: 'CronJob',
        spec: {
          jobTemplate: {
            spec: { template: { spec: { containers: [{ name: 'job' }] } } },
          },
        },
      }),
    ).toEqual([{ field: 'containers', container: 'job', image: '' }]);
    expect(
      manifestImages({
        kind: 'Pod',
        spec: { containers: [{ name: 'p', image: 'x:1' }] },
      }),
    ).toEqual([{ field: 'containers', container: 'p', image: 'x:1' }]);
    expect(manifestImages({ kind: 'ConfigMap', data: { image: 'x' } })).toEqual(
      [],
    );
  });
});
