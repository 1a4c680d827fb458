import {setCustomElementsManifest, type Preview} from '@storybook/web-components-vite';
import manifest from '../custom-elements.json';
import '../src/define.js';
import {argTypesFor} from './arg-types.js';

// Component descriptions come from the manifest the analyzer writes (npm run analyze);
// controls and the docs table too, through argTypesFor (see arg-types.ts for what it changes).
setCustomElementsManifest(manifest);

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    docs: {extractArgTypes: (tag: string) => argTypesFor(manifest, tag)},
    controls: {expanded: true},
    layout: 'padded',
  },
};
export default preview;
