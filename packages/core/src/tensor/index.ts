/**
 * Conversions between the wire tensor messages and TensorFlow.js tensors or plain float32
 * typed arrays.
 */
export { TensorConversionError } from './tensor-conversion-error.js';
export { tensorFromTorch, torchFromTensor } from './tfjs-tensor.js';
export { stateFromTensors, tensorsFromState } from './state-tensors.js';
export { type ParameterArray, arraysFromState, stateFromArrays } from './state-arrays.js';
