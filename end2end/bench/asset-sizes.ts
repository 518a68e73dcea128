// The sizes of the built site's wasm, JS and CSS: raw, at gzip -9 and at brotli -q 11 (Node's
// zlib), and the precompressed .gz/.br files cargo-leptos wrote beside them, if any (those are
// what the server sends).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { grouped, table } from './format';

const ASSET = /\.(wasm|js|css)$/;

function assetsUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return assetsUnder(path);
    return ASSET.test(entry.name) ? [path] : [];
  });
}

function sizeOf(path: string): string {
  return existsSync(path) ? grouped(statSync(path).size) : '-';
}

export function assetSizeTable(pkgDir: string): string {
  const rows = assetsUnder(pkgDir)
    .sort()
    .map((path) => {
      const raw = readFileSync(path);
      const brotli = brotliCompressSync(raw, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
      });
      return [
        relative(pkgDir, path),
        grouped(raw.length),
        grouped(gzipSync(raw, { level: 9 }).length),
        grouped(brotli.length),
        sizeOf(`${path}.gz`),
        sizeOf(`${path}.br`),
      ];
    });
  return table(['asset (target/site/pkg)', 'raw', 'gzip -9', 'brotli -q 11', 'served .gz', 'served .br'], rows);
}
