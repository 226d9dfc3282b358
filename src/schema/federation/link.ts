// The schema's `@link` to Federation v2: the spec version and the directives this subgraph uses
// (the plugin would derive the list by building the schema a second time).
export const FEDERATION_VERSION = 'v2.6';

export const FEDERATION_LINK = {
  name: 'link',
  args: {
    url: `https://specs.apollo.dev/federation/${FEDERATION_VERSION}`,
    import: ['@key', '@shareable', '@inaccessible'],
  },
};
