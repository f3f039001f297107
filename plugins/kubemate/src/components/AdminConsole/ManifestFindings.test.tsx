import { render, screen, within } from '@testing-library/react';
import { ManifestFindings } from './ManifestFindings';

describe('ManifestFindings', () => {
  it('puts high-severity findings in an alert of their own, and lists all', () => {
    render(
      <ManifestFindings
        findings={[
          {
            ruleId: 'container-privileged',
            title: 'Privileged container',
            severity: 'high',
            status: 'failed',
            message: 'runs privileged',
            kind: 'Deployment',
            name: 'web',
            container: 'app',
            path: 'apps/web.yaml',
            index: 0,
          },
          {
            ruleId: 'container-resources',
            title: 'No resource limits',
            severity: 'medium',
            status: 'failed',
            kind: 'Deployment',
            name: 'web',
          },
        ]}
      />,
    );
    const alert = screen.getByLabelText('High-severity findings');
    expect(
      within(alert).getByText('1 high-severity finding in these manifests'),
    ).toBeInTheDocument();
    expect(
      within(alert).getByText(
        'Deployment web (container app) — apps/web.yaml #1: Privileged container — runs privileged',
      ),
    ).toBeInTheDocument();
    expect(
      within(alert).queryByText(/No resource limits/),
    ).not.toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Inspection findings' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
  });

  it('says when nothing was found, and why inspection did not run', () => {
    const { rerender } = render(<ManifestFindings findings={[]} />);
    expect(
      screen.getByText(/no findings in these manifests/),
    ).toBeInTheDocument();
    rerender(<ManifestFindings inspectionError="rules failed to load" />);
    expect(screen.getByText('rules failed to load')).toBeInTheDocument();
  });
});
