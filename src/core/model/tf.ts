/**
 * tfjs for the learning engine: the live `tf` binding of the backend module (the instance that has the
 * selected backend registered), plus the types the model code names.
 */
export { tf } from './backend/tf.js';
export type {
  Tensor,
  Tensor1D,
  Tensor2D,
  Tensor3D,
  Tensor4D,
  Scalar,
  LayersModel,
  SymbolicTensor,
  Shape,
  LayerVariable,
  layers,
  NamedTensorMap,
  Variable,
} from '@tensorflow/tfjs';
