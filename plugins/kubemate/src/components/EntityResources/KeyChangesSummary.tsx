import type { ConfigDataKeyChanges } from '@kubemate/plugin-kubemate-common';
import { Box, Chip } from '@material-ui/core';

/** Which keys a change adds, removes, changes and renames, as chips (names only). */
export function KeyChangesSummary(props: { keys: ConfigDataKeyChanges }) {
  const { added, removed, changed, renamed } = props.keys;
  const chips = [
    ...added.map(k => `added ${k}`),
    ...removed.map(k => `removed ${k}`),
    ...changed.map(k => `changed ${k}`),
    ...renamed.map(r => `renamed ${r.from} → ${r.to}`),
  ];
  if (chips.length === 0) return null;
  return (
    <Box my={0.5} display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      {chips.map(c => (
        <Chip key={c} size="small" variant="outlined" label={c} />
      ))}
    </Box>
  );
}
