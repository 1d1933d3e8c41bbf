/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// Tauri serves ui/dist under a strict CSP (default-src 'self'), so:
// - every asset (the Vazirmatn font in ../assets/fonts) is emitted as a file,
//   never inlined as a data: URI (assetsInlineLimit: 0);
// - no remote content of any kind.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  envPrefix: ['VITE_', 'TAURI_ENV_'],
  server: {
    port: 1420,
    strictPort: true,
    // The font lives in <repo>/assets/fonts, one level above ui/.
    fs: { allow: ['..'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    sourcemap: false,
    // pdf.js (the Reports preview, loaded on first use) is one chunk of ~510 kB.
    chunkSizeWarningLimit: 600,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
