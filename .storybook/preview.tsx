import type { Preview } from '@storybook/react-vite';
import { StrictMode } from 'react';

const preview: Preview = {
  // StrictMode mounts, unmounts and mounts again: stories prove the components survive it.
  decorators: [
    (Story) => (
      <StrictMode>
        <Story />
      </StrictMode>
    ),
  ],
  parameters: {
    layout: 'centered',
    controls: { expanded: true },
  },
};

export default preview;
