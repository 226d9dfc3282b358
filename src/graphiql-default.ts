/** GraphiQL's first tab: a real dashboard query over linked data, dated back from today. */
export function dashboardQuery(today: Date): string {
  const day = (daysBack: number) =>
    new Date(today.getTime() - daysBack * 86_400_000).toISOString().slice(0, 10);
  return /* GraphQL */ `# A customer-health dashboard in one request: the NPS of the last 90 days from
# Userlane, Planhat and UserLoop, the HEART trend, and five customers with their UserHero
# profile, latest NPS from any vendor and newest feedback tickets. Press the play button.
query CustomerHealth {
  vendors {
    source
    enabled
    sandbox
    healthy
  }
  nps: npsSummary(filter: { range: { from: "${day(89)}", to: "${day(0)}" } }, groupBy: SOURCE) {
    score
    responses
    groups {
      key
      score
      responses
    }
  }
  heartScores(range: { from: "${day(6)}", to: "${day(0)}" }, first: 7) {
    nodes {
      date
      heart
      happiness
      taskSuccess
    }
  }
  customers(first: 5) {
    nodes {
      email
      name
      company
      profile {
        tags
        feedbackCount
      }
      latestNps {
        source
        score
        category
        answeredAt
      }
      feedback(first: 2) {
        nodes {
          ticketNumber
          message
          statusCategory
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
}

export const DASHBOARD_QUERY = dashboardQuery(new Date());
