import { generateKeyPairSync, randomBytes } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { Configuration, default as ProviderType } from 'oidc-provider';
import { demoClaims, findDemoAccount, type DemoAccount } from './accounts';
import { renderLoginPage, renderMessagePage } from './pages';

/** Settings of the development OpenID Connect provider. */
export interface DevOidcOptions {
  /** The issuer URL, e.g. http://127.0.0.1:7009 (also where the server must be reached). */
  issuer: string;
  /** The one client: the Backstage backend's OIDC auth provider. */
  client: { id: string; secret: string; redirectUris: string[] };
  accounts: readonly DemoAccount[];
}

const MAX_FORM_BYTES = 4096;

/** Reads a small urlencoded form body (the login form), refusing anything larger. */
function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_FORM_BYTES) {
        reject(new Error('form too large'));
        req.destroy();
      }
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

function sendHtml(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(html);
}

/** The oidc-provider configuration: one confidential client, the demo users, no consent screen. */
export function providerConfiguration(options: DevOidcOptions): Configuration {
  const signingKey = generateKeyPairSync('rsa', {
    modulusLength: 2048,
  }).privateKey.export({ format: 'jwk' });
  return {
    clients: [
      {
        client_id: options.client.id,
        client_secret: options.client.secret,
        redirect_uris: options.client.redirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    async findAccount(_ctx, id) {
      const account = findDemoAccount(options.accounts, id);
      if (!account) return undefined;
      return {
        accountId: account.username,
        async claims() {
          return { ...demoClaims(account) };
        },
      };
    },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
    },
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    // Keys live as long as the process: a restart signs everybody out, which suits a demo.
    jwks: {
      keys: [
        { ...signingKey, kid: 'dev-oidc', use: 'sig', alg: 'RS256' },
      ] as any,
    },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    interactions: {
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    features: { devInteractions: { enabled: false } },
    // Backstage keeps its session through refresh tokens; issue them for the Backstage client
    // without asking for offline_access (they expire with the provider's session).
    async issueRefreshToken(_ctx, client) {
      return client.grantTypeAllowed('refresh_token');
    },
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 600,
      Grant: 14 * 24 * 3600,
      Session: 14 * 24 * 3600,
      RefreshToken: 14 * 24 * 3600,
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = renderMessagePage(
        'Sign-in failed',
        `${out.error}: ${out.error_description ?? ''}`,
      );
    },
  };
}

/**
 * An HTTP server (not yet listening) for the provider: the login interaction (a page listing
 * the demo users, no password) in front of oidc-provider's own endpoints.
 */
export async function createDevOidcServer(
  options: DevOidcOptions,
): Promise<{ server: Server; provider: ProviderType }> {
  // oidc-provider is an ES module; a dynamic import keeps this file loadable as CommonJS.
  const { default: Provider } = await import('oidc-provider');
  const provider = new Provider(options.issuer, providerConfiguration(options));
  const callback = provider.callback();

  async function interaction(
    req: IncomingMessage,
    res: ServerResponse,
    uid: string,
    action: string | undefined,
  ) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) {
      sendHtml(
        res,
        400,
        renderMessagePage('Sign-in failed', 'Unknown sign-in request.'),
      );
      return;
    }
    if (action === 'abort' && req.method === 'POST') {
      await provider.interactionFinished(
        req,
        res,
        {
          error: 'access_denied',
          error_description: 'The user cancelled the sign-in',
        },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (details.prompt.name === 'login') {
      if (action === 'login' && req.method === 'POST') {
        const form = await readForm(req);
        const account = findDemoAccount(options.accounts, form.get('login'));
        if (account) {
          await provider.interactionFinished(
            req,
            res,
            { login: { accountId: account.username } },
            { mergeWithLastSubmission: false },
          );
          return;
        }
        sendHtml(
          res,
          400,
          renderLoginPage(uid, options.accounts, 'Pick one of the demo users.'),
        );
        return;
      }
      sendHtml(res, 200, renderLoginPage(uid, options.accounts));
      return;
    }
    if (details.prompt.name === 'consent') {
      // The only client is the portal itself: grant what it asks for without a consent screen.
      const { Grant } = provider;
      const grant = details.grantId
        ? (await Grant.find(details.grantId))!
        : new Grant({
            accountId: details.session!.accountId,
            clientId: details.params.client_id as string,
          });
      const missing = details.prompt.details as {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
      if (missing.missingOIDCScope)
        grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims)
        grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(
        missing.missingResourceScopes ?? {},
      )) {
        grant.addResourceScope(indicator, scopes.join(' '));
      }
      const grantId = await grant.save();
      await provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    sendHtml(
      res,
      400,
      renderMessagePage(
        'Sign-in failed',
        `Unsupported step ${details.prompt.name}.`,
      ),
    );
  }

  const server = createServer((req, res) => {
    const match =
      /^\/interaction\/([\w-]+)(?:\/(login|abort))?\/?(?:\?.*)?$/.exec(
        req.url ?? '',
      );
    if (!match) {
      callback(req, res);
      return;
    }
    interaction(req, res, match[1], match[2]).catch(error => {
      if (!res.headersSent) {
        sendHtml(
          res,
          400,
          renderMessagePage(
            'Sign-in failed',
            `${
              error instanceof Error ? error.message : String(error)
            }. Start the sign-in again from the portal.`,
          ),
        );
      } else {
        res.end();
      }
    });
  });
  // Nothing here waits on anybody else: answer or drop slow clients.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  return { server, provider };
}
