import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';

async function start() {
  // Browser preview without Tauri: `VITE_DAFTAR_MOCK=1 npm run dev`.
  // The whole branch (and the mock module) is dropped from normal builds.
  if (import.meta.env.VITE_DAFTAR_MOCK === '1') {
    const { installMockBackend } = await import('./dev/mockBackend');
    installMockBackend();
  }
  const target = document.getElementById('app');
  if (target) mount(App, { target });
}

void start();
