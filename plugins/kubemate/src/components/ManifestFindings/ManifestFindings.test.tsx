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

  it('marks what a YAML edit brings, naming the edited object', () => {
    render(
      <ManifestFindings
        subject="Deployment web as edited"
        findings={[
          {
            ruleId: 'container-privileged',
            title: 'Privileged container',
            severity: 'high',
            status: 'failed',
            kind: 'Deployment',
            name: 'web',
            introduced: true,
          },
          {
            ruleId: 'container-resources',
            title: 'No resource limits',
            severity: 'medium',
            status: 'failed',
            kind: 'Deployment',
            name: 'web',
            introduced: false,
          },
        ]}
      />,
    );
    const alert = screen.getByLabelText('High-severity findings');
    expect(
      within(alert).getByText(
        '1 high-severity finding in Deployment web as edited',
      ),
    ).toBeInTheDocument();
    expect(
      within(alert).getByText(
        'Deployment web: Privileged container (new with this edit)',
      ),
    ).toBeInTheDocument();
    const rows = within(
      screen.getByRole('table', { name: 'Inspection findings' }),
    ).getAllByRole('row');
    expect(within(rows[1]).getByText(/new with this edit/)).toBeInTheDocument();
    expect(within(rows[2]).queryByText(/new with this edit/)).toBeNull();
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
