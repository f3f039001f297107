import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

// Plugins listed in package.json are discovered through `app.packages: all` in app-config;
// only features that need an explicit import are listed here.
export default createApp({
  features: [catalogPlugin, navModule, signInModule],
});
