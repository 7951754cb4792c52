import { defineConfig } from 'vitest/config';

// Preact's JSX through esbuild's automatic runtime: no framework plugin needed (and none that pins a Vite major).
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    // Maven passes --outDir target/classes/META-INF/resources, where Quarkus serves static files from.
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
