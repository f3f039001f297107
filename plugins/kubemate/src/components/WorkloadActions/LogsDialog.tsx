import { getCompoundEntityRef, type Entity } from '@backstage/catalog-model';
import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  MenuItem,
  Switch,
  TextField,
} from '@material-ui/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { kubemateApiRef, type LogRequest } from '../../api';

const MAX_CHARS = 2_000_000; // keep the browser responsive on chatty pods

/** A pod's log: tail, follow (streaming), previous container, search, wrap, download. */
export function LogsDialog(props: {
  open: boolean;
  entity: Entity;
  cluster: string;
  namespace: string;
  pod: string;
  containers: string[];
  onClose(): void;
}) {
  const api = useApi(kubemateApiRef);
  const [container, setContainer] = useState(props.containers[0] ?? '');
  const [follow, setFollow] = useState(true);
  const [previous, setPrevious] = useState(false);
  const [wrap, setWrap] = useState(true);
  const [search, setSearch] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<Error>();
  const bottom = useRef<HTMLDivElement>(null);
  const target = {
    cluster: props.cluster,
    namespace: props.namespace,
    name: props.pod,
  };
  /** Reads the log of the chosen container; the one place the viewer and download call the API. */
  const read = (
    options: LogRequest,
    onChunk: (text: string) => void,
    signal: AbortSignal,
  ) =>
    api.streamLogs(
      getCompoundEntityRef(props.entity),
      target,
      { container, previous, ...options },
      onChunk,
      signal,
    );

  useEffect(() => {
    if (!props.open || !container) return undefined;
    const abort = new AbortController();
    setText('');
    setError(undefined);
    // Follow would never end for a previous (terminated) container.
    read(
      { follow: follow && !previous, tailLines: 500 },
      chunk => setText(t => (t + chunk).slice(-MAX_CHARS)),
      abort.signal,
    ).catch(e => setError(e));
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.open, props.pod, container, follow, previous]);

  useEffect(() => {
    if (follow) bottom.current?.scrollIntoView?.({ block: 'end' });
  }, [text, follow]);

  // A link would not carry the user's Backstage token, so the file is fetched and saved here.
  const download = async () => {
    let all = '';
    try {
      await read(
        { follow: false },
        chunk => {
          all += chunk;
        },
        new AbortController().signal,
      );
    } catch (e) {
      setError(e as Error);
      return;
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([all], { type: 'text/plain' }));
    link.download = `${props.pod}-${container}.log`;
    link.click();
    URL.revokeObjectURL(link.href);
  };

  const shown = useMemo(() => {
    if (!search) return text;
    const needle = search.toLowerCase();
    return text
      .split('\n')
      .filter(line => line.toLowerCase().includes(needle))
      .join('\n');
  }, [text, search]);

  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      maxWidth="lg"
      fullWidth
      aria-labelledby="kubemate-logs-title"
    >
      <DialogTitle id="kubemate-logs-title">Logs of {props.pod}</DialogTitle>
      <DialogContent>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          mb={1}
          style={{ gap: 16 }}
        >
          {props.containers.length > 1 && (
            <TextField
              select
              label="Container"
              value={container}
              onChange={e => setContainer(e.target.value)}
            >
              {props.containers.map(c => (
                <MenuItem key={c} value={c}>
                  {c}
                </MenuItem>
              ))}
            </TextField>
          )}
          <TextField
            label="Search"
            value={search}
            onChange={e => setSearch(e.target.value)}
            inputProps={{ 'aria-label': 'Search logs' }}
          />
          <FormControlLabel
            control={
              <Switch
                checked={follow}
                onChange={e => setFollow(e.target.checked)}
              />
            }
            label="Follow"
          />
          <FormControlLabel
            control={
              <Switch
                checked={previous}
                onChange={e => setPrevious(e.target.checked)}
              />
            }
            label="Previous container"
          />
          <FormControlLabel
            control={
              <Switch
                checked={wrap}
                onChange={e => setWrap(e.target.checked)}
              />
            }
            label="Wrap lines"
          />
        </Box>
        {error && <ResponseErrorPanel error={error} />}
        <Box
          component="pre"
          aria-label="Log output"
          style={{
            height: '60vh',
            overflow: 'auto',
            margin: 0,
            padding: 8,
            fontSize: 12,
            background: '#111',
            color: '#ddd',
            whiteSpace: wrap ? 'pre-wrap' : 'pre',
            wordBreak: wrap ? 'break-all' : 'normal',
          }}
        >
          {shown || (error ? '' : 'No log lines yet.')}
          <div ref={bottom} />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={download}>Download</Button>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
