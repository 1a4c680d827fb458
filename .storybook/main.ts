import type {StorybookConfig} from '@storybook/web-components-vite';

// Storybook for the elements: one story file per element in stories/, every state driven by a
// stub client (no backend, no authenticator). Controls and docs come from custom-elements.json
// (see preview.ts). Telemetry is off: this must build on a closed network.
const config: StorybookConfig = {
  stories: ['../stories/introduction.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  framework: {
    name: '@storybook/web-components-vite',
    // The root vite.config.ts builds the demo page (root: demo/); it is not Storybook's.
    options: {builder: {viteConfigPath: '.storybook/vite.config.ts'}},
  },
  core: {disableTelemetry: true, disableWhatsNewNotifications: true, enableCrashReports: false},
};
export default config;
