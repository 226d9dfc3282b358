/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query NpsTrend($range: DateRange!) {\n  overall: npsSummary(filter: {range: $range}) {\n    score\n    responses\n    promoters\n    passives\n    detractors\n  }\n  weekly: npsSummary(filter: {range: $range}, groupBy: WEEK) {\n    groups {\n      key\n      score\n      responses\n    }\n  }\n  bySource: npsSummary(filter: {range: $range}, groupBy: SOURCE) {\n    groups {\n      key\n      score\n      responses\n    }\n  }\n  byRegion: npsSummary(filter: {range: $range}, groupBy: REGION) {\n    groups {\n      key\n      score\n      responses\n    }\n  }\n  detractorComments: npsResponses(\n    filter: {range: $range, categories: [DETRACTOR], hasComment: true}\n    first: 10\n  ) {\n    nodes {\n      id\n      source\n      score\n      comment\n      answeredAt\n      customer {\n        email\n        name\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.NpsTrendDocument,
};
const documents: Documents = {
    "query NpsTrend($range: DateRange!) {\n  overall: npsSummary(filter: {range: $range}) {\n    score\n    responses\n    promoters\n    passives\n    detractors\n  }\n  weekly: npsSummary(filter: {range: $range}, groupBy: WEEK) {\n    groups {\n      key\n      score\n      responses\n    }\n  }\n  bySource: npsSummary(filter: {range: $range}, groupBy: SOURCE) {\n    groups {\n      key\n      score\n      responses\n    }\n  }\n  byRegion: npsSummary(filter: {range: $range}, groupBy: REGION) {\n    groups {\n      key\n      score\n      responses\n    }\n  }\n  detractorComments: npsResponses(\n    filter: {range: $range, categories: [DETRACTOR], hasComment: true}\n    first: 10\n  ) {\n    nodes {\n      id\n      source\n      score\n      comment\n      answeredAt\n      customer {\n        email\n        name\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.NpsTrendDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NpsTrend($range: DateRange!) {\n  overall: npsSummary(filter: {range: $range}) {\n    score\n    responses\n    promoters\n    passives\n    detractors\n  }\n  weekly: npsSummary(filter: {range: $range}, groupBy: WEEK) {\n    groups {\n      key\n      score\n      responses\n    }\n  }\n  bySource: npsSummary(filter: {range: $range}, groupBy: SOURCE) {\n    groups {\n      key\n      score\n      responses\n    }\n  }\n  byRegion: npsSummary(filter: {range: $range}, groupBy: REGION) {\n    groups {\n      key\n      score\n      responses\n    }\n  }\n  detractorComments: npsResponses(\n    filter: {range: $range, categories: [DETRACTOR], hasComment: true}\n    first: 10\n  ) {\n    nodes {\n      id\n      source\n      score\n      comment\n      answeredAt\n      customer {\n        email\n        name\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query NpsTrend($range: DateRange!) {\n  overall: npsSummary(filter: {range: $range}) {\n    score\n    responses\n    promoters\n    passives\n    detractors\n  }\n  weekly: npsSummary(filter: {range: $range}, groupBy: WEEK) {\n    groups {\n      key\n      score\n      responses\n    }\n  }\n  bySource: npsSummary(filter: {range: $range}, groupBy: SOURCE) {\n    groups {\n      key\n      score\n      responses\n    }\n  }\n  byRegion: npsSummary(filter: {range: $range}, groupBy: REGION) {\n    groups {\n      key\n      score\n      responses\n    }\n  }\n  detractorComments: npsResponses(\n    filter: {range: $range, categories: [DETRACTOR], hasComment: true}\n    first: 10\n  ) {\n    nodes {\n      id\n      source\n      score\n      comment\n      answeredAt\n      customer {\n        email\n        name\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;