import type { DemoAccount } from './accounts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);

const STYLE = `
body { font-family: system-ui, sans-serif; background: #f5f5f5; margin: 0; }
main { max-width: 28rem; margin: 4rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
h1 { font-size: 1.4rem; margin-top: 0; }
p.note { color: #555; font-size: .9rem; }
p.error { color: #b00020; }
form.users button { display: block; width: 100%; text-align: left; margin: .5rem 0; padding: .75rem 1rem; border: 1px solid #ccc; border-radius: 6px; background: #fafafa; cursor: pointer; font-size: 1rem; }
form.users button:hover, form.users button:focus { border-color: #1f5493; background: #eef4fb; }
.detail { display: block; color: #555; font-size: .85rem; }
button.cancel { background: none; border: none; color: #1f5493; cursor: pointer; padding: 0; }
`;

function page(title: string, body: string) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>${body}</main></body></html>`;
}

/** The login step: one button per demo user; no password (development only). */
export function renderLoginPage(
  uid: string,
  accounts: readonly DemoAccount[],
  error?: string,
): string {
  const base = `/interaction/${encodeURIComponent(uid)}`;
  const buttons = accounts
    .map(
      a => `<button type="submit" name="login" value="${escapeHtml(
        a.username,
      )}">
  <strong>${escapeHtml(a.displayName)}</strong>
  <span class="detail">${escapeHtml(a.username)} · ${escapeHtml(a.email)}${
        a.groups.length ? ` · ${escapeHtml(a.groups.join(', '))}` : ''
      }</span></button>`,
    )
    .join('\n');
  return page(
    'Kubemate demo sign-in',
    `<h1>Kubemate demo sign-in</h1>
<p class="note">Development only: pick a demo user of <code>examples/catalog/org.yaml</code>. No password is asked.</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form class="users" method="post" action="${base}/login" aria-label="Demo users">
${buttons || '<p>No demo user has an email in the catalog file.</p>'}
</form>
<form method="post" action="${base}/abort"><button class="cancel" type="submit">Cancel</button></form>`,
  );
}

/** A page with a single message (errors). */
export function renderMessagePage(title: string, message: string): string {
  return page(
    title,
    `<h1>${escapeHtml(title)}</h1><p class="error" role="alert">${escapeHtml(
      message,
    )}</p>`,
  );
}
