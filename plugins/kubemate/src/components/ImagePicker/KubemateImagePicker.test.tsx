import { configApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState, type ComponentProps } from 'react';
import { KubemateImagePicker } from './KubemateImagePicker';
import { validateKubemateImage } from './validation';

const images = [
  { registry: 'ghcr.io', repository: 'kubemate/hello', title: 'Hello' },
  {
    registry: 'docker.io',
    repository: 'library/nginx',
    tags: ['1.27', '1.27.3'],
  },
];

/** The picker in a form that keeps its value, as the scaffolder does; values seen are kept. */
async function renderPicker(options: { images?: unknown; formData?: string }) {
  const seen: Array<string | undefined> = [];
  function Form() {
    const [value, setValue] = useState<string | undefined>(options.formData);
    return (
      <KubemateImagePicker
        {...({
          onChange: (v: string | undefined) => {
            seen.push(v);
            setValue(v);
          },
          formData: value,
          required: true,
          rawErrors: [],
          idSchema: { $id: 'root_image' },
          schema: { title: 'Image', description: 'From approved registries' },
          uiSchema: {},
        } as unknown as ComponentProps<typeof KubemateImagePicker>)}
      />
    );
  }
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [
          configApiRef,
          mockApis.config({
            data:
              options.images === undefined
                ? {}
                : { kubemate: { images: options.images } },
          }),
        ],
      ]}
    >
      <Form />
    </TestApiProvider>,
  );
  return { seen, last: () => seen[seen.length - 1] };
}

describe('KubemateImagePicker', () => {
  it('picks a repository and a listed tag with the keyboard; the value is the full reference', async () => {
    const user = userEvent.setup();
    const { last } = await renderPicker({ images });
    const repository = screen.getByRole('textbox', {
      name: /Registry and repository/,
    });
    await user.click(repository);
    await user.keyboard('nginx');
    expect(
      screen.getByRole('option', { name: 'docker.io/library/nginx' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /Hello/ })).toBeNull();
    await user.keyboard('{Enter}');
    // The first listed tag is preselected.
    await waitFor(() => expect(last()).toBe('docker.io/library/nginx:1.27'));
    expect(
      screen.getByText('Image: docker.io/library/nginx:1.27'),
    ).toBeInTheDocument();

    await user.click(screen.getByRole('textbox', { name: /Tag/ }));
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(last()).toBe('docker.io/library/nginx:1.27.3'));
  });

  it('takes a typed tag for a repository that lists none, and no value while the tag is invalid', async () => {
    const user = userEvent.setup();
    const { last } = await renderPicker({ images });
    await user.click(
      screen.getByRole('textbox', { name: /Registry and repository/ }),
    );
    await user.click(
      screen.getByRole('option', { name: 'Hello (ghcr.io/kubemate/hello)' }),
    );
    const tag = screen.getByRole('textbox', { name: /Tag/ });
    await user.type(tag, '2.0.1');
    await waitFor(() => expect(last()).toBe('ghcr.io/kubemate/hello:2.0.1'));
    await user.clear(tag);
    await user.type(tag, '-bad');
    await waitFor(() => expect(last()).toBeUndefined());
    expect(
      screen.getByText(/Letters, digits, _ \. - \(at most 128/),
    ).toBeInTheDocument();
  });

  it('shows the value the form started with', async () => {
    await renderPicker({
      images,
      formData: 'docker.io/library/nginx:1.27.3',
    });
    expect(
      screen.getByRole('textbox', { name: /Registry and repository/ }),
    ).toHaveValue('docker.io/library/nginx');
    expect(screen.getByRole('textbox', { name: /Tag/ })).toHaveValue('1.27.3');
    expect(
      screen.getByText('Image: docker.io/library/nginx:1.27.3'),
    ).toBeInTheDocument();
  });

  it('says so when no images are configured, or the list is invalid', async () => {
    await renderPicker({});
    expect(
      screen.getByText(
        'No approved images are configured (kubemate.images); ask your platform team.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('textbox', { name: /Registry and repository/ }),
    ).toBeDisabled();
  });

  it('names the invalid entry of a wrong list', async () => {
    await renderPicker({ images: [{ registry: 'ghcr.io' }] });
    expect(
      screen.getByText(/^Invalid config kubemate.images\[0\].repository/),
    ).toBeInTheDocument();
  });
});

describe('validateKubemateImage', () => {
  const validate = (value: string, data: object) => {
    const errors: string[] = [];
    validateKubemateImage(
      value,
      { addError: (m: string) => errors.push(m) } as never,
      {
        apiHolder: { get: () => mockApis.config({ data }) } as never,
        formData: {},
        schema: {},
      },
    );
    return errors;
  };

  it('accepts approved images and refuses others as the backend does', () => {
    const data = { kubemate: { images } };
    expect(validate('ghcr.io/kubemate/hello:1.0.0', data)).toEqual([]);
    expect(validate('docker.io/library/nginx:latest', data)).toEqual([
      'tag latest of docker.io/library/nginx is not one of the approved tags: 1.27, 1.27.3',
    ]);
    expect(validate('quay.io/evil/miner:1', data)).toEqual([
      'quay.io/evil/miner is not an approved registry and repository (kubemate.images)',
    ]);
    expect(validate('ghcr.io/kubemate/hello:1.0.0', {})).toEqual([
      'No approved images are configured (kubemate.images); ask your platform team.',
    ]);
  });
});
