import { Route, Routes } from 'react-router-dom';
import { KubemateQueryProvider } from '../../queries';
import { ReleasePage } from './ReleasePage';
import { ReleasesFleetPage } from './ReleasesFleetPage';

/** Mounted on `/kubemate/releases`: the fleet list, and each release at `/:id`. */
export function ReleasesPage() {
  return (
    <KubemateQueryProvider>
      <Routes>
        <Route path="/" element={<ReleasesFleetPage />} />
        <Route path="/:id" element={<ReleasePage />} />
      </Routes>
    </KubemateQueryProvider>
  );
}
