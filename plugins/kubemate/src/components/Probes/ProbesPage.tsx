import { KubemateQueryProvider } from '../../queries';
import { ProbesFleetPage } from './ProbesFleetPage';

/** Mounted on `/kubemate/probes` (`?probe=<id>` selects a probe). */
export function ProbesPage() {
  return (
    <KubemateQueryProvider>
      <ProbesFleetPage />
    </KubemateQueryProvider>
  );
}
