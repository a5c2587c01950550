import { readFileSync } from 'node:fs';
import { dirname, posix, resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Programs the host starts as processes or threads of their own are referenced as
 * `new URL('./name.mjs', import.meta.url)` (plain JavaScript, e.g. the git spawner's helper) or
 * `new URL('./name.ts', import.meta.url)` (a worker thread's entry, e.g. the model-step thread),
 * which finds the file next to the source in tests and scripts. In the build the code moves
 * into a chunk, so `.mjs` files are copied to out/main/, `.ts` entries are built as chunks of
 * their own (out/main/name.js), and the reference is rewritten relative to the chunk.
 */
function nodeHelperPrograms(): Plugin {
  const reference = /new URL\((["'])\.\/([\w-]+)\.(mjs|ts)\1, import\.meta\.url\)/g;
  const placeholder = '__braid_node_helper__/';
  return {
    name: 'braid-node-helper-programs',
    transform(code, id) {
      if (!code.includes('import.meta.url') || !reference.test(code)) return null;
      reference.lastIndex = 0;
      return code.replace(reference, (_match: string, _quote: string, name: string, extension: string) => {
        const source = resolve(dirname(id), `${name}.${extension}`);
        const fileName = extension === 'ts' ? `${name}.js` : `${name}.${extension}`;
        if (extension === 'ts') this.emitFile({ type: 'chunk', id: source, fileName });
        else this.emitFile({ type: 'asset', fileName, source: readFileSync(source) });
        return `new URL(${JSON.stringify(placeholder + fileName)}, import.meta.url)`;
      });
    },
    renderChunk(code, chunk) {
      if (!code.includes(placeholder)) return null;
      const fromChunk = posix.relative(posix.dirname(chunk.fileName), '.') || '.';
      return code.replaceAll(placeholder, `${fromChunk}/`);
    },
  };
}

// One build for three targets. Main also emits `web.js`, the plain-Node entry for web mode,
// so the desktop app and the browser are served by exactly the same host code.
export default defineConfig({
  main: {
    plugins: [nodeHelperPrograms()],
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve('src-main/app/main.ts'),
          web: resolve('src-main/host/web-main.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('src-preload/index.ts') },
        // sandbox: true requires one self-contained CommonJS file.
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
      externalizeDeps: { exclude: ['zod'] },
    },
  },
  renderer: {
    root: 'src-renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
