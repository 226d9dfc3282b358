// The gateway's side of each benchmarked read. The peer reads select the same fields as the
// peer's queries (`/work/shared/peers/mesh/queries`), under the gateway's names.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** `planhatNpsList(limit: 20, sort: "-npsDate") { _id email npsDate nps npsComment scoreType cId campaignId source sourceId }` */
export const PLANHAT_NPS_20 = /* GraphQL */ `
  query PlanhatNps20 {
    npsResponses(filter: { sources: [PLANHAT] }, first: 20) {
      nodes {
        id
        respondent {
          email
        }
        answeredAt
        score
        comment
        companyId
        campaignId
        planhat {
          scoreType
          source
          sourceId
        }
      }
    }
  }
`;

const FEEDBACK_FIELDS =
  'feedbackId ticketNumber message category status priority tags userEmail createdAt';

/** `userheroFeedbackList(workspaceId, pageSize: 10) { data { id ticketNumber … createdAt } }` */
export const FEEDBACK_10 = /* GraphQL */ `
  query Feedback10 {
    feedback(first: 10) { nodes { ${FEEDBACK_FIELDS} } }
  }
`;

/** Page 2 (after the first 10), each item with `customer { id name primaryEmail company tags feedbackCount }`. */
export const FEEDBACK_10_CUSTOMER_PAGE = /* GraphQL */ `
  query Feedback10WithCustomer($after: String) {
    feedback(first: 10, after: $after) {
      nodes {
        ${FEEDBACK_FIELDS}
        customer { profile { customerId name primaryEmail company tags feedbackCount } }
      }
    }
  }
`;

export const FEEDBACK_FIRST_PAGE_CURSOR = /* GraphQL */ `
  query Feedback10Cursor {
    feedback(first: 10) {
      pageInfo {
        endCursor
      }
    }
  }
`;

const operation = (name: string) =>
  readFileSync(
    fileURLToPath(new URL(`../../schema/operations/${name}.graphql`, import.meta.url)),
    'utf8',
  );

/** The dashboard operations of schema/operations, as the GraphiQL user or a client sends them. */
export const dashboards = () => ({
  customer360: operation('customer-360'),
  npsTrend: operation('nps-trend'),
});

export const EXPORT_PAGE = /* GraphQL */ `
  query ExportPage($after: String) {
    npsResponses(
      filter: { sources: [PLANHAT], range: { from: "2000-01-01", to: "2100-01-01" } }
      first: 1000
      after: $after
    ) {
      edges {
        node {
          id
          score
          category
          answeredAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
