import { OAuth2 } from '@backstage/core-app-api';
import { SignInPage } from '@backstage/core-components';
import {
  ApiBlueprint,
  configApiRef,
  createApiRef,
  createFrontendModule,
  discoveryApiRef,
  oauthRequestApiRef,
  type ApiRef,
  type BackstageIdentityApi,
  type OpenIdConnectApi,
  type ProfileInfoApi,
  type SessionApi,
} from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';

/**
 * Sign-in through Backstage's `oidc` auth provider (auth.providers.oidc). Backstage exports no
 * API ref for the generic OIDC provider, so the app defines one, as its docs for OIDC describe.
 * In development the provider is the demo one of packages/dev-oidc.
 */
export const oidcAuthApiRef: ApiRef<
  OpenIdConnectApi & ProfileInfoApi & BackstageIdentityApi & SessionApi
> = createApiRef({ id: 'kubemate.auth.oidc' });

export const oidcAuthApi = ApiBlueprint.make({
  name: 'oidc-auth',
  params: defineParams =>
    defineParams({
      api: oidcAuthApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        oauthRequestApi: oauthRequestApiRef,
        configApi: configApiRef,
      },
      factory: ({ discoveryApi, oauthRequestApi, configApi }) =>
        OAuth2.create({
          configApi,
          discoveryApi,
          oauthRequestApi,
          provider: {
            id: 'oidc',
            title: 'Demo login (OIDC)',
            icon: () => null,
          },
          environment: configApi.getOptionalString('auth.environment'),
          defaultScopes: ['openid', 'profile', 'email'],
        }),
    }),
});

/** The sign-in page's providers: Backstage's guest, and the OIDC provider. */
export const signInProviders = [
  'guest' as const,
  {
    id: 'oidc-auth-provider',
    title: 'Demo login (OIDC)',
    message:
      'Sign in as a demo user (alice, bob, carol) through the local OpenID Connect provider',
    apiRef: oidcAuthApiRef,
  },
];

export const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => props =>
      <SignInPage {...props} providers={signInProviders} />,
  },
});

/** Replaces the app's default sign-in page (guest only) by one with both providers. */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [oidcAuthApi, signInPage],
});
