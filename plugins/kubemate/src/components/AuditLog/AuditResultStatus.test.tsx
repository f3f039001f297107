import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { AuditResultStatus } from './AuditResultStatus';

describe('AuditResultStatus', () => {
  it.each(['pending', 'succeeded', 'failed', 'denied'] as const)(
    'names the result %s',
    async result => {
      await renderInTestApp(<AuditResultStatus result={result} />);
      expect(screen.getByText(result)).toBeInTheDocument();
    },
  );
});
