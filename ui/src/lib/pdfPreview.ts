// Opens a PDF for the Reports screen's preview with pdf.js. Browser only (not used by the tests).
//
// - The legacy build: the modern one calls Map#getOrInsertComputed, Math.sumPrecise,
//   Promise.try and Uint8Array#toBase64, which the system webviews (WebKitGTK, older WebView2)
//   may lack; the legacy build carries polyfills for them.
// - The worker is bundled by Vite as a same-origin file (`new URL(…, import.meta.url)`) and
//   started here as a module worker, so pdf.js never wraps it in a blob: URL (the app's CSP
//   allows workers from 'self' only, through script-src). Should the worker not start, pdf.js
//   falls back to parsing on the main thread from the same file.
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFDocumentLoadingTask, PDFDocumentProxy, PDFWorker } from 'pdfjs-dist/legacy/build/pdf.mjs';

const WORKER_URL = new URL('pdfjs-dist/legacy/build/pdf.worker.min.mjs', import.meta.url);
pdfjs.GlobalWorkerOptions.workerSrc = WORKER_URL.href;

/** How long the worker may take to say it is ready before the main-thread fallback is used. */
const WORKER_START_MS = 10_000;

/**
 * A module worker for one preview, or null when it cannot start. Each preview has its own and
 * ends it when it closes: the worker keeps the parsed document and pdf.js's code, tens of MB
 * that an app left open all day should not carry after the preview is gone (issue 15 goal 4).
 */
function startWorker(): Promise<Worker | null> {
  return new Promise((resolve) => {
    let w: Worker;
    try {
      w = new Worker(WORKER_URL, { type: 'module' });
    } catch {
      resolve(null);
      return;
    }
    const give = (ok: boolean) => {
      clearTimeout(timer);
      w.removeEventListener('message', onMessage);
      w.removeEventListener('error', onError);
      if (ok) {
        resolve(w);
      } else {
        w.terminate();
        resolve(null);
      }
    };
    // pdf.js's worker posts «ready» as its first message once its script has run.
    const onMessage = () => give(true);
    const onError = () => give(false);
    const timer = setTimeout(() => give(false), WORKER_START_MS);
    w.addEventListener('message', onMessage);
    w.addEventListener('error', onError);
  });
}

export type OpenedPdf = {
  doc: PDFDocumentProxy;
  /** Lets the document go and ends its worker; call once, when the preview closes. */
  close: () => void;
};

/** Opens the PDF bytes (pdf.js takes them over, so pass a copy to keep them). */
export async function openPdf(data: Uint8Array): Promise<OpenedPdf> {
  const worker = await startWorker();
  const port: PDFWorker | null = worker ? pdfjs.PDFWorker.create({ port: worker }) : null;
  const close = (task: PDFDocumentLoadingTask) => {
    void task.destroy().finally(() => {
      port?.destroy();
      worker?.terminate();
    });
  };
  const task = pdfjs.getDocument({
    data,
    ...(port ? { worker: port } : {}),
    // Our own documents need no WebAssembly image decoders (and the CSP has no 'wasm-unsafe-eval').
    useWasm: false,
    // Draw the embedded font's glyphs as paths: loading it as a web font would need
    // `font-src data:`/`blob:` in the CSP, and without it pdf.js falls back to a system font
    // with unjoined, misplaced Persian letters. No eval either (the CSP forbids it).
    disableFontFace: true,
    isEvalSupported: false,
  });
  try {
    return { doc: await task.promise, close: () => close(task) };
  } catch (e) {
    close(task);
    throw e;
  }
}
