import { routingPath, traefikPriority } from './traefikRouter';

describe("Traefik's routing path and priority", () => {
  it('decodes escapes except those of reserved characters', () => {
    expect(routingPath('/a%20b/%C3%A9')).toBe('/a b/é');
    expect(routingPath('/a%2Fb%3F%25')).toBe('/a%2Fb%3F%25');
    expect(routingPath('/%7euser')).toBe('/~user');
  });

  it('uses the explicit priority, else the rule length in bytes', () => {
    expect(traefikPriority({ match: 'Path(`/a`)' })).toBe(10);
    expect(traefikPriority({ match: 'Path(`/é`)' })).toBe(11);
    expect(traefikPriority({ match: 'Path(`/a`)', priority: 3 })).toBe(3);
    expect(traefikPriority({ match: 'Path(`/a`)', priority: 0 })).toBe(10);
  });
});
