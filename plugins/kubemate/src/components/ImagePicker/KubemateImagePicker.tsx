import { configApiRef, useApi } from '@backstage/core-plugin-api';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  findImageSource,
  IMAGE_TAG_PATTERN,
  imageReferenceOf,
  imageSourceName,
  readImageSources,
  type ImageSource,
} from '@kubemate/plugin-kubemate-common';
import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import FormHelperText from '@material-ui/core/FormHelperText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useEffect, useMemo, useState } from 'react';

/** The approved images of `kubemate.images`, or why they cannot be read. */
export function useImageSources(): { sources: ImageSource[]; error?: string } {
  const config = useApi(configApiRef);
  return useMemo(() => {
    try {
      return {
        sources: readImageSources(config.getOptional('kubemate.images')),
      };
    } catch (e) {
      return { sources: [], error: (e as Error).message };
    }
  }, [config]);
}

const sourceLabel = (s: ImageSource) =>
  s.title ? `${s.title} (${imageSourceName(s)})` : imageSourceName(s);

/**
 * `ui:field: KubemateImagePicker`: a registry and repository from `kubemate.images`, then a tag
 * (one of the entry's tags, or typed when it lists none). The value is the full image reference,
 * e.g. `ghcr.io/kubemate/hello:1.0.0`; it stays empty until both are chosen.
 */
export function KubemateImagePicker(
  props: FieldExtensionComponentProps<string>,
) {
  const {
    onChange,
    formData,
    required,
    rawErrors,
    idSchema,
    schema: { title = 'Image', description },
    uiSchema,
  } = props;
  const { sources, error } = useImageSources();
  const initial = useMemo(
    () => (formData ? findImageSource(sources, formData) : undefined),
    // Only the value the form started with (a default, or going back a step).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sources],
  );
  const [source, setSource] = useState<ImageSource | null>(
    initial?.source ?? null,
  );
  const [tag, setTag] = useState<string>(() => {
    const listed = initial?.source.tags;
    const given = initial?.parsed.tag ?? '';
    return listed && !listed.includes(given) ? listed[0] : given;
  });
  const tagInvalid = tag !== '' && !IMAGE_TAG_PATTERN.test(tag);
  const reference =
    source && tag && !tagInvalid ? imageReferenceOf(source, tag) : undefined;

  useEffect(() => {
    if (reference !== formData) onChange(reference);
    // Report the value when what was picked changes, not when the form echoes it back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reference]);

  const id = idSchema?.$id ?? 'image';
  const disabled = uiSchema?.['ui:disabled'] === true;
  const hasErrors = (rawErrors?.length ?? 0) > 0;
  const none =
    error ??
    (sources.length === 0
      ? 'No approved images are configured (kubemate.images); ask your platform team.'
      : undefined);

  return (
    <FormControl
      fullWidth
      margin="normal"
      required={required}
      error={hasErrors || !!none}
    >
      <Typography
        variant="subtitle1"
        component="label"
        htmlFor={`${id}-repository`}
      >
        {title}
        {required ? ' *' : ''}
      </Typography>
      <Box display="flex" flexWrap="wrap" style={{ gap: 16 }}>
        <Box flex="2 1 320px">
          <Autocomplete<ImageSource>
            id={`${id}-repository`}
            options={sources}
            value={source}
            disabled={disabled || sources.length === 0}
            getOptionLabel={sourceLabel}
            getOptionSelected={(a, b) =>
              imageSourceName(a) === imageSourceName(b)
            }
            autoHighlight
            onChange={(_, next) => {
              setSource(next);
              // A listed tag is kept when the new repository has it too; else its first tag.
              if (next?.tags) {
                setTag(prev =>
                  next.tags!.includes(prev) ? prev : next.tags![0],
                );
              }
            }}
            renderInput={params => (
              <TextField
                {...params}
                label="Registry and repository"
                variant="outlined"
                margin="dense"
                required={required}
              />
            )}
          />
        </Box>
        <Box flex="1 1 160px">
          {source?.tags ? (
            <Autocomplete<string, false, true>
              id={`${id}-tag`}
              options={source.tags}
              value={tag}
              disabled={disabled}
              disableClearable
              autoHighlight
              onChange={(_, next) => setTag(next)}
              renderInput={params => (
                <TextField
                  {...params}
                  label="Tag"
                  variant="outlined"
                  margin="dense"
                  required={required}
                />
              )}
            />
          ) : (
            <TextField
              id={`${id}-tag`}
              label="Tag"
              variant="outlined"
              margin="dense"
              fullWidth
              required={required}
              disabled={disabled || !source}
              value={tag}
              error={tagInvalid}
              helperText={
                tagInvalid
                  ? 'Letters, digits, _ . - (at most 128, not starting with . or -)'
                  : undefined
              }
              onChange={e => setTag(e.target.value.trim())}
            />
          )}
        </Box>
      </Box>
      <FormHelperText>
        {none ??
          (reference
            ? `Image: ${reference}`
            : 'Choose a registry and repository, then a tag.')}
      </FormHelperText>
      {description && !none ? (
        <FormHelperText>{description}</FormHelperText>
      ) : null}
      {rawErrors?.map(message => (
        <FormHelperText key={message} error>
          {message}
        </FormHelperText>
      ))}
    </FormControl>
  );
}
