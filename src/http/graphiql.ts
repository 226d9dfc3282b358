import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { GraphiQLOptions } from 'graphql-yoga';

/**
 * GraphiQL with every asset inside the page: the bundle, its CSS, the three Monaco workers (as
 * blob URLs) and the favicon (a data URL), from @graphql-yoga/render-graphiql in node_modules.
 * Yoga's own renderer loads them from unpkg.com, a blank page on a closed network. The page is
 * ~9 MB and the same for every request, so it is rendered once (and, being the same string, its
 * ETag and compressed forms are computed once too, see get-cache.ts and compression.ts).
 */
export function offlineGraphiQL(): (options: GraphiQLOptions) => string {
  let rendered: { key: string; html: string } | undefined;
  return (options) => {
    const key = JSON.stringify(options);
    if (rendered?.key !== key) rendered = { key, html: renderGraphiQL(options) };
    return rendered.html;
  };
}
