// A Relay pagination query over the gateway's connections, compiled by relay-compiler against
// schema/schema.graphql (test/clients/client-libraries.test.ts runs it). In an app `graphql`
// comes from react-relay or relay-runtime; declared here so the file type-checks alone.
declare function graphql(strings: TemplateStringsArray): unknown;

export const customerListQuery = graphql`
  query CustomerListQuery($first: Int = 20, $after: String) {
    customers(first: $first, after: $after) @connection(key: "CustomerList_customers") {
      edges {
        cursor
        node {
          id
          email
          name
          latestNps {
            score
            category
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export const npsFeedQuery = graphql`
  query CustomerListNpsFeedQuery($first: Int = 10) {
    npsResponses(first: $first) {
      nodes {
        id
        score
        source
      }
      ... @defer(label: "CustomerListNpsFeedQuery$defer$total") {
        totalCount
      }
    }
  }
`;
