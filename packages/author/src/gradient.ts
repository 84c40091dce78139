import { GradientMissingError, TraceValueError, describeValue } from './errors.js';
import { add } from './ops/arithmetic.js';
import { onesLike, zerosLike } from './ops/unary.js';
import { SymbolicTensor } from './symbolic-tensor.js';

/**
 * Reverse-mode differentiation inside a trace: appends the actions that compute
 * `d loss / d param` for each of `params` and returns those gradients (same shapes as the
 * params). A non-scalar `loss` is differentiated as the sum of its elements.
 *
 * Only float32 tensors carry gradients; comparisons, `argMax` and casts from bool/int32 stop
 * them, as in tfjs. A parameter the loss does not depend on gets a zero gradient.
 *
 * @example
 * const [gW] = grad(loss, [W]);
 * @throws GradientMissingError when an op on the path from a parameter to the loss has no rule
 * @throws TraceValueError when `loss` or a param is not a symbolic tensor of one trace
 */
export function grad(loss: SymbolicTensor, params: readonly SymbolicTensor[]): SymbolicTensor[] {
  if (!(loss instanceof SymbolicTensor))
    throw new TraceValueError('grad() loss', describeValue(loss));
  params.forEach((param, i) => {
    if (!(param instanceof SymbolicTensor) || param.trace !== loss.trace) {
      throw new TraceValueError(`grad() param ${i}`, describeValue(param));
    }
  });
  const nodes = loss.trace.nodes;
  const last = loss.producer ?? -1;

  // Forward: which tensors depend on a parameter (and so need a gradient).
  const depends = new Set(params.map((p) => p.id));
  for (let i = 0; i <= last; i++) {
    const node = nodes[i];
    if (node && node.output.dtype === 'float32' && node.operands.some((op) => depends.has(op.id))) {
      depends.add(node.output.id);
    }
  }
  if (!depends.has(loss.id)) return params.map((p) => zerosLike(p));

  // Backward: walk the recorded ops in reverse, accumulating gradients by tensor id.
  const grads = new Map<bigint, SymbolicTensor>([[loss.id, onesLike(loss)]]);
  for (let i = last; i >= 0; i--) {
    const node = nodes[i];
    const g = node && grads.get(node.output.id);
    if (!node || !g) continue;
    const needs = node.operands.map((op) => depends.has(op.id));
    if (!needs.some(Boolean)) continue;
    if (!node.gradient) {
      throw new GradientMissingError(
        node.command,
        node.operands.map((op) => op.shape),
      );
    }
    const operandGrads = node.gradient(g, node.output, needs);
    node.operands.forEach((operand, k) => {
      const contribution = operandGrads[k];
      if (!needs[k] || !contribution) return;
      const previous = grads.get(operand.id);
      grads.set(operand.id, previous ? add(previous, contribution) : contribution);
    });
  }
  return params.map((p) => grads.get(p.id) ?? zerosLike(p));
}
