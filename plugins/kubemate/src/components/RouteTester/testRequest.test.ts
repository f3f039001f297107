import { pathError, recordOf, testRequestOf } from './testRequest';

describe('testRequest', () => {
  it('checks the path as the contract does', () => {
    expect(pathError('')).toBe('Required');
    expect(pathError('api')).toBe('Must start with /');
    expect(pathError('/api')).toBeUndefined();
  });

  it('drops unnamed rows and trims names', () => {
    expect(recordOf([])).toBeUndefined();
    expect(recordOf([{ key: ' ', value: 'x' }])).toBeUndefined();
    expect(
      recordOf([
        { key: ' x-a ', value: '1' },
        { key: '', value: '2' },
      ]),
    ).toEqual({ 'x-a': '1' });
  });

  it('leaves blank fields out of the request', () => {
    expect(
      testRequestOf({
        host: ' ',
        path: '/',
        method: '',
        headers: [],
        query: [],
      }),
    ).toEqual({ path: '/' });
    expect(
      testRequestOf({
        host: 'a.example.com',
        path: '/x',
        method: 'POST',
        headers: [{ key: 'h', value: 'v' }],
        query: [{ key: 'q', value: '1' }],
      }),
    ).toEqual({
      host: 'a.example.com',
      path: '/x',
      method: 'POST',
      headers: { h: 'v' },
      query: { q: '1' },
    });
  });
});
