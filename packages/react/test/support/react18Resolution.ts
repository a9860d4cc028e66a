import Module, { createRequire } from 'node:module';

// The React 18 test project aliases `react` and `react-dom` for code Vite transforms, but
// react-dom 18 itself is loaded by Node, and pnpm links it to the workspace's React 19 (a
// peer is resolved by name). Route Node's own `require` of either package to the 18 copies.
const require = createRequire(import.meta.url);
const copies: Record<string, string> = { react: 'react-18', 'react-dom': 'react-dom-18' };

type ResolveFilename = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: ResolveFilename };
const resolveFilename = loader._resolveFilename;
loader._resolveFilename = function (request, ...rest) {
  const match = /^(react|react-dom)(\/.*)?$/.exec(request);
  const copy = match ? copies[match[1] as string] : undefined;
  if (match && copy) return require.resolve(`${copy}${match[2] ?? ''}`);
  return resolveFilename.call(this, request, ...rest);
};
