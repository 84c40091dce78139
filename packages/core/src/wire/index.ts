/**
 * The syft-proto wire format: the message types, the binary codec for Plan, State, Protocol
 * and TorchTensor, and the strict base64/hex helpers for the grid protocol's text payloads.
 */
export * from './messages.js';
export { WireFormatError } from './wire-format-error.js';
export { PayloadEncodingError } from './payload-encoding-error.js';
export { decodePlan, encodePlan } from './plan-codec.js';
export { decodeState, encodeState } from './state-codec.js';
export { decodeProtocol, encodeProtocol } from './protocol-codec.js';
export { decodeTorchTensor, encodeTorchTensor } from './torch-codec.js';
export { base64ToBytes, bytesToBase64 } from './base64.js';
export { bytesToHex, hexToBytes } from './hex.js';
