// A federated learning process for `syft host`: the MNIST 2NN of McMahan et al. (2017),
// five cycles, one report per cycle. From the repository root, after `npm run build`:
//
//   node packages/cli/dist/main.js host examples/mnist-process.mjs \
//     --grid http://127.0.0.1:5000 --token-file ./grid-data/owner-token
//
// It imports @syft-ts/author by name, so it must live inside this repository (as here) or in a
// project that depends on the @syft-ts packages. See docs/authoring.md for every field.
import { flProcess, mnist2nn } from '@syft-ts/author';

export default flProcess(mnist2nn({ seed: 1 }), {
  name: 'mnist',
  version: '1.0.0',
  clientConfig: { lr: 0.1, max_updates: 100 },
  serverConfig: { cycle_length: 28800, num_cycles: 5, max_diffs: 1 },
});
