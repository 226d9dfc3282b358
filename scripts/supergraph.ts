// `npm run supergraph`: composes the gateway's subgraph with the example billing subgraph
// (examples/billing) and prints the supergraph SDL, for Hive Gateway or Apollo Router.
//   --composer guild|apollo      which composition (default guild)
//   --gateway-url <url>          the gateway's routing URL (default http://localhost:4000/graphql)
//   --billing-url <url>          the billing subgraph's (default http://localhost:4001/graphql)
//   --alone                      the gateway's subgraph only
//   --subgraph                   print the gateway's subgraph SDL instead (for rover or Hive)
import { parseArgs } from 'node:util';
import { billingSubgraph, compose, gatewaySdl, gatewaySubgraph } from './supergraph-compose.js';

const { values } = parseArgs({
  options: {
    composer: { type: 'string', default: 'guild' },
    'gateway-url': { type: 'string' },
    'billing-url': { type: 'string' },
    alone: { type: 'boolean', default: false },
    subgraph: { type: 'boolean', default: false },
  },
});

if (values.subgraph) {
  process.stdout.write(`${gatewaySdl()}\n`);
} else {
  const composer = values.composer;
  if (composer !== 'guild' && composer !== 'apollo') {
    console.error(`--composer must be guild or apollo (got "${composer}")`);
    process.exit(2);
  }
  const subgraphs = [
    gatewaySubgraph(values['gateway-url']),
    ...(values.alone ? [] : [billingSubgraph(values['billing-url'])]),
  ];
  const result = compose(composer, subgraphs);
  if (!('supergraphSdl' in result)) {
    console.error(`Composition failed (${composer}):\n${result.errors.join('\n')}`);
    process.exit(1);
  }
  process.stdout.write(`${result.supergraphSdl}\n`);
}
