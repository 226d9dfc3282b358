import { createRequire } from 'node:module';
import type { GraphiQLOptions } from 'graphql-yoga';

type Render = (options: GraphiQLOptions) => string;

/**
 * GraphiQL with every asset inside the page: the bundle, its CSS, the three Monaco workers (as
 * blob URLs) and the favicon (a data URL), from @graphql-yoga/render-graphiql in node_modules.
 * Yoga's own renderer loads them from unpkg.com, a blank page on a closed network. The page is
 * ~9 MB and the same for every request, so it is rendered once (and, being the same string, its
 * ETag and compressed forms are computed once too, see get-cache.ts and compression.ts).
 *
 * The package (18 MB, the bundle held as strings) is loaded on the first page asked for, not at
 * start-up: imported eagerly it added 29 MiB to the idle gateway and, the live heap being larger,
 * let V8 grow it by 140 MiB more under load, with GraphiQL off (production) as much as on.
 */
export function offlineGraphiQL(): Render {
  let rendered: { key: string; html: string } | undefined;
  let render: Render | undefined;
  return (options) => {
    const key = JSON.stringify(options);
    if (rendered?.key !== key) {
      render ??= (
        createRequire(import.meta.url)('@graphql-yoga/render-graphiql') as {
          renderGraphiQL: Render;
        }
      ).renderGraphiQL;
      rendered = { key, html: render(options) };
    }
    return rendered.html;
  };
}
