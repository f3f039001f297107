import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { TrendChart } from './TrendChart';
import { trendPoint } from './__testUtils__/inspectionFixtures';

describe('TrendChart', () => {
  it('draws one score point and one stacked bar per run, in time order, per cluster', async () => {
    const { container } = await renderInTestApp(
      <TrendChart
        series={[
          { name: 'prod-1', points: [trendPoint(2, 90), trendPoint(0, 60)] },
          { name: 'kubemate-sim', points: [trendPoint(1, 75)] },
        ]}
      />,
    );
    expect(
      screen.getByRole('img', {
        name: 'Health score 60 → 90 over 3 runs; latest run 10 failed checks',
      }),
    ).toBeInTheDocument();
    expect(container.querySelectorAll('circle')).toHaveLength(3);
    expect(container.querySelectorAll('polyline')).toHaveLength(2);
    // trendPoint(i) fails high i, medium i+1, low i+2: run 0 has no high bar segment.
    expect(container.querySelectorAll('rect')).toHaveLength(8);
    const titles = [...container.querySelectorAll('circle > title')].map(
      t => t.textContent,
    );
    expect(titles[0]).toMatch(/^prod-1 · .*score 60, pass rate 60\.0 %/);
    expect(screen.getByText('prod-1')).toBeInTheDocument();
    expect(screen.getByText('kubemate-sim')).toBeInTheDocument();
  });

  it('says so when there is nothing to draw', async () => {
    await renderInTestApp(<TrendChart series={[{ name: 'a', points: [] }]} />);
    expect(
      screen.getByText('No completed runs to chart yet.'),
    ).toBeInTheDocument();
  });
});
