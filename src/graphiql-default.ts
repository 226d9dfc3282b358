/** GraphiQL's first tab: a real dashboard query over the sandbox's linked data. */
export const DASHBOARD_QUERY = /* GraphQL */ `
  # A product-health dashboard in one request: vendor state and the latest
  # HEART trend. Press the play button; every vendor answers from the sandbox.
  query ProductHealth {
    vendors {
      source
      enabled
      sandbox
      healthy
    }
    heartScores(range: { from: "2026-01-01", to: "2026-12-31" }, first: 7) {
      nodes {
        date
        heart
        happiness
        engagement
        adoption
        retention
        taskSuccess
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
