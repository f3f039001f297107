import type { OnboardResponse } from '@kubemate/plugin-kubemate-common';
import { Chip, Typography } from '@material-ui/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { kubemateKeys } from '../../queries';
import { UnifiedDiff } from '../UnifiedDiff';

/**
 * An onboarding or offboarding request, run as a dry run (`true`) or for real (`false`); a real
 * run refreshes the namespaces list.
 */
export function useNamespaceChange(
  change: (dryRun: boolean) => Promise<OnboardResponse>,
) {
  const queryClient = useQueryClient();
  return useMutation<OnboardResponse, Error, boolean>({
    mutationFn: change,
    onSuccess: answer => {
      if (!answer.dryRun) {
        void queryClient.invalidateQueries({
          queryKey: kubemateKeys.namespaces(),
        });
      }
    },
  });
}

/** What a (dry) run did or would do: a line per object with its action, optionally its diff. */
export function NamespaceChangeResult(props: {
  label: string;
  title: string;
  answer: OnboardResponse;
  diffs?: boolean;
}) {
  return (
    <div aria-label={props.label}>
      <Typography variant="h6">{props.title}</Typography>
      {props.answer.objects.map(o => (
        <div key={`${o.kind}/${o.namespace}/${o.name}`}>
          <Typography variant="body2">
            <Chip size="small" label={o.action} /> {o.kind}{' '}
            {o.namespace ? `${o.namespace}/` : ''}
            {o.name}
          </Typography>
          {props.diffs && o.diff && (
            <UnifiedDiff
              diff={o.diff}
              label={`Diff of ${o.kind} ${o.namespace ?? ''}/${o.name}`}
            />
          )}
        </div>
      ))}
    </div>
  );
}
