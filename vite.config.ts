import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is built to out/renderer and served by Electron's app:// protocol or by the browser shell.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
  },
});
